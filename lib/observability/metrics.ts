// Prometheus metrics of this process, served by GET /api/metrics (token
// protected): the stream (open connections, events fanned out, slow consumers
// dropped), webhook deliveries by outcome and how long handling them took,
// and Node's own figures (CPU, memory, event-loop lag, GC).
//
// One registry per process on globalThis: Next bundles this module more than
// once (the webhook on our Node server runs in instrumentation's bundle, the
// metrics route in its own), and all of them must count into the same metrics.
import client from "prom-client";

export type WebhookOutcome = "processed" | "ignored" | "duplicate" | "retrying" | "rejected";
// Label values come from a fixed set: a sender cannot grow the series by inventing event names.
const TRACKED_EVENTS = new Set(["pull_request", "issues", "issue_comment", "workflow_run", "ping"]);

function create() {
  const registry = new client.Registry();
  // The event-loop lag monitor is a timer at this period: prom-client's 10 ms
  // default woke an idle server 100 times a second, most of its CPU with
  // nothing happening (tests/bench/PERFORMANCE.md). At 100 ms every stall longer
  // than that delays a sample; a shorter one does in proportion to its
  // length, so over a scrape interval the percentiles still show them.
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  const stream = {
    connections: new client.Gauge({ name: "conduit_stream_connections", help: "Open event streams on this instance", registers: [registry] }),
    eventsPerSecond: new client.Gauge({ name: "conduit_stream_events_per_second", help: "Events fanned out per second, averaged over the last 10 s", registers: [registry] }),
    events: new client.Counter({ name: "conduit_stream_events_total", help: "Events read from the event log and fanned out", registers: [registry] }),
    slowDropped: new client.Counter({ name: "conduit_stream_slow_consumers_dropped_total", help: "Streams closed because the client read too slowly", registers: [registry] }),
  };
  const webhooks = {
    deliveries: new client.Counter({
      name: "conduit_webhook_deliveries_total",
      help: "GitHub webhook deliveries by event and outcome",
      labelNames: ["event", "outcome"] as const,
      registers: [registry],
    }),
    duration: new client.Histogram({
      name: "conduit_webhook_duration_seconds",
      help: "Time from a delivery's arrival to its answer",
      labelNames: ["outcome"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
  return { registry, stream, webhooks };
}

const holder = globalThis as typeof globalThis & { __conduitMetrics?: ReturnType<typeof create> };
export const metrics = (holder.__conduitMetrics ??= create());

/** Counts one delivery; `startedAt` is performance.now() at its arrival. */
export function observeWebhook(event: string | null, outcome: WebhookOutcome, startedAt: number): void {
  const name = event && TRACKED_EVENTS.has(event) ? event : "other";
  metrics.webhooks.deliveries.inc({ event: name, outcome });
  metrics.webhooks.duration.observe({ outcome }, (performance.now() - startedAt) / 1000);
}
