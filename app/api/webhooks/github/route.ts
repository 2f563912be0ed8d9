import { receiveGithubWebhookRoute } from "@/lib/github/receive-webhook";

export const dynamic = "force-dynamic";

// POST /api/webhooks/github – GitHub webhook deliveries (signed with GITHUB_WEBHOOK_SECRET).
// Our Node server answers it without Next (lib/http/node-routes.ts), with the same handler.
export const POST = receiveGithubWebhookRoute;
