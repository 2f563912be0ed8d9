import { getEnv } from "@/lib/config/env";
import { checkDatabase } from "@/lib/db/check-database";
import { runningHub } from "@/lib/realtime/hub";

export const dynamic = "force-dynamic";

// GET /api/health – database reachability and stream figures, for load balancers and people.
export async function GET(): Promise<Response> {
  const [db, hub] = await Promise.all([checkDatabase(), runningHub()?.catch(() => undefined)]);
  const env = getEnv();
  const body = {
    status: db.ok ? "ok" : "error",
    db: db.ok ? "connected" : "unreachable",
    database: db.ok ? { kind: db.kind, latencyMs: db.latencyMs } : { kind: db.kind },
    webhooks: env.GITHUB_WEBHOOK_SECRET
      ? { configured: true }
      : { configured: false, message: "GITHUB_WEBHOOK_SECRET is not set: /api/webhooks/github refuses every delivery" },
    pipeline: {
      analyzer: env.OPENAI_API_KEY ? "openai" : "built-in",
      dispatcher: env.GITHUB_TOKEN ? "github" : "local",
      ...(!env.GITHUB_TOKEN && { message: "GitHub is not connected (no GITHUB_TOKEN): issues are kept on the task, not created" }),
    },
    stream: hub?.stats() ?? { connections: 0, subscriptions: {}, eventsPerSecond: 0, slowConsumersDropped: 0, errors: 0 },
    memory: { rssBytes: process.memoryUsage.rss() },
    uptimeSeconds: Math.round(process.uptime()),
  };
  return Response.json(body, { status: db.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
