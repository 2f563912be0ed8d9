import { receiveGithubWebhook } from "@/lib/github/receive-webhook";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /api/webhooks/github – GitHub webhook deliveries (signed with GITHUB_WEBHOOK_SECRET).
export const POST = route(async (request) => receiveGithubWebhook(request));
