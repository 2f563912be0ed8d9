// Ingest: how many webhook deliveries per second a server accepts with a p99
// response time under 100 ms while streams are open: dashboard subscribers
// (every delivery is written to each of them) or idle ones (subscribed to a
// task no delivery names, so the figure is the webhook path's own). Rates rise
// step by step until one fails (p99 over the bound, an error, or the sender
// falling behind); the figure is the last rate that passed.
import { now, percentile, round, sleep, sorted } from "./bench-kit";
import type { BenchServer } from "./servers";
import { buildDeliveries, sendAtRate, warmUp } from "./webhooks";

export type IngestStep = { rate: number; sent: number; p50: number; p99: number; errors: number; passed: boolean };
export type IngestResult = { streams: number; listening: "dashboard" | "idle"; p99BoundMs: number; bestRate: number; steps: IngestStep[] };

const P99_BOUND_MS = 100;

export type IngestSettings = { streams: number; idle: boolean; rates: number[]; stepSeconds: number; warmUp: number };

export async function measureIngest(server: BenchServer, { streams, idle, rates, stepSeconds, warmUp: warmUpCount }: IngestSettings): Promise<IngestResult> {
  await warmUp(server.webhookUrl, server.tasks, warmUpCount);
  const group = await server.subscribe(streams, idle);
  const steps: IngestStep[] = [];
  let next = warmUpCount; // deliveries continue across steps, so every update is newer than the last
  try {
    for (const rate of rates) {
      const count = Math.round(rate * stepSeconds);
      const deliveries = await buildDeliveries(server.tasks, count, next);
      next += count;
      const startedAt = now();
      const sent = await sendAtRate(server.webhookUrl, deliveries, rate);
      const lastStart = Math.max(...sent.map((s) => s.startedAt));
      const responses = sorted(sent.map((s) => s.responseMs));
      const step = {
        rate,
        sent: sent.length,
        p50: round(percentile(responses, 50)),
        p99: round(percentile(responses, 99)),
        errors: sent.filter((s) => !s.ok).length,
        // The sender kept the rate: the last request started on time (within 10 %).
        passed: false,
      };
      step.passed = step.p99 < P99_BOUND_MS && step.errors === 0 && lastStart - startedAt <= stepSeconds * 1000 * 1.1;
      steps.push(step);
      if (!step.passed) break;
      // Let the fan-out of this step drain before the next; idle streams are written nothing.
      if (!idle) await sleep(2_000);
    }
  } finally {
    group.exit();
  }
  const best = steps.filter((s) => s.passed).at(-1)?.rate ?? 0;
  return { streams, listening: idle ? "idle" : "dashboard", p99BoundMs: P99_BOUND_MS, bestRate: best, steps };
}
