import { getEnv } from "@/lib/config/env";
import { checkDatabase } from "@/lib/db/check-database";
import { eventBusStatus } from "@/lib/realtime/bus/event-bus";
import { runningHub } from "@/lib/realtime/hub";
import { isDraining } from "@/lib/startup/lifecycle";
import { webhookQueue } from "@/lib/github/receive-webhook";
import { webhookSecrets } from "@/lib/github/webhook-secret";

export const dynamic = "force-dynamic";

// GET /api/health – database reachability, the event bus and stream figures, for
// load balancers and people. 503 without the database and while shutting down
// ("draining": take this instance out of rotation); "degraded" (still 200,
// streams keep working by polling) while the event bus is down.
export async function GET(): Promise<Response> {
  if (isDraining()) {
    const draining = { status: "draining", message: "This instance is shutting down: send requests elsewhere" };
    return Response.json(draining, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
  const [db, hub] = await Promise.all([checkDatabase(), runningHub()?.catch(() => undefined)]);
  const env = getEnv();
  const bus = eventBusStatus();
  const body = {
    status: !db.ok ? "error" : bus && !bus.up ? "degraded" : "ok",
    db: db.ok ? "connected" : "unreachable",
    database: db.ok ? { kind: db.kind, latencyMs: db.latencyMs } : { kind: db.kind },
    webhooks: webhooks(),
    pipeline: {
      analyzer: env.OPENAI_API_KEY ? "openai" : "built-in",
      dispatcher: env.GITHUB_TOKEN ? "github" : "local",
      ...(!env.GITHUB_TOKEN && { message: "GitHub is not connected (no GITHUB_TOKEN): issues are kept on the task, not created" }),
    },
    bus: bus ?? { kind: "memory", up: true },
    ...(bus && !bus.up && { message: `The ${bus.kind} event bus is down since ${bus.since}: this instance polls the event table every second` }),
    stream: hub?.stats() ?? { connections: 0, subscriptions: {}, eventsPerSecond: 0, slowConsumersDropped: 0, errors: 0 },
    memory: { rssBytes: process.memoryUsage.rss() },
    uptimeSeconds: Math.round(process.uptime()),
  };
  return Response.json(body, { status: db.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

function webhooks() {
  const secrets = webhookSecrets();
  if (!secrets) return { configured: false, message: "GITHUB_WEBHOOK_SECRET is not set: /api/webhooks/github refuses every delivery" };
  const queue = webhookQueue();
  if (secrets.development) return { configured: true, ...queue, message: "Development: deliveries signed with the public development secret are accepted (npm run demo)" };
  return { configured: true, ...queue };
}
