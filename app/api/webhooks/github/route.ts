import { receiveGithubWebhook } from "@/lib/github/receive-webhook";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /api/webhooks/github – GitHub webhook deliveries (signed with GITHUB_WEBHOOK_SECRET).
export const POST = publicRoute(async (request) => receiveGithubWebhook(request));
