// GET /api/metrics: this instance's metrics in Prometheus' text format, for a
// scraper holding METRICS_TOKEN (Authorization: Bearer <token>). Off (404)
// without a token: the figures describe the deployment and are not public.
import { timingSafeEqual } from "node:crypto";
import { getEnv } from "../config/env";
import { bearerKey } from "../auth/authenticate";
import { runningHub } from "../realtime/hub";
import { AppError } from "../shared/api-error";
import { metrics } from "./metrics";

export async function metricsResponse(request: Request): Promise<Response> {
  const token = getEnv().METRICS_TOKEN;
  if (!token) throw new AppError("not_found", "Metrics are off: set METRICS_TOKEN to turn them on");
  const given = Buffer.from(bearerKey(request.headers) ?? "");
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError("unauthorized", "Send Authorization: Bearer <METRICS_TOKEN>");
  }
  const hub = await runningHub()?.catch(() => undefined);
  const stats = hub?.stats();
  metrics.stream.connections.set(stats?.connections ?? 0);
  metrics.stream.eventsPerSecond.set(stats?.eventsPerSecond ?? 0);
  return new Response(await metrics.registry.metrics(), {
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
  });
}
