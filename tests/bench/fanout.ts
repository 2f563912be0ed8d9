// One server, N dashboard subscribers, a steady rate of pull request
// deliveries: the delay from the start of each webhook request to its receipt
// at every subscriber, and what holding N connections costs the server.
import { cpuSeconds, now, percentile, round, sleep, sorted } from "./bench-kit";
import type { BenchServer } from "./servers";
import { buildDeliveries, sendAtRate } from "./webhooks";

export type FanoutResult = {
  clients: number;
  delivered: number;
  expected: number;
  deliveriesPerSecond: number;
  delayMs: { p50: number; p95: number; p99: number; max: number };
  connectMs: { p50: number; p99: number };
  webhookResponseMs: { p50: number; p99: number };
  rssPerStreamKB: number;
  cpuPer100ConnectionsPct: number;
  clientErrors: number;
};

/** RSS moves with garbage collection: the median of five readings after a quiet second. */
async function settledRss(server: BenchServer): Promise<number> {
  await sleep(1_000);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(await server.rssBytes());
    await sleep(200);
  }
  return sorted(readings)[2]!;
}

export async function measureFanout(server: BenchServer, clients: number, deliveryCount: number, ratePerSecond: number): Promise<FanoutResult> {
  const deliveries = await buildDeliveries(server.tasks, deliveryCount);
  const rssIdle = await settledRss(server);
  const group = await server.subscribe(clients);
  try {
    const rssConnected = await settledRss(server);
    const cpuBefore = cpuSeconds(server.pid);
    const startedAt = now();
    const sent = await sendAtRate(server.webhookUrl, deliveries, ratePerSecond);
    const { receipts, errors } = await group.collect(clients * deliveryCount);
    const cpuUsed = cpuSeconds(server.pid) - cpuBefore;

    const sentAt = new Map(sent.map((s) => [s.key, s.startedAt]));
    const delays: number[] = [];
    let lastReceipt = startedAt;
    for (const report of receipts) {
      for (const [key, list] of Object.entries(report)) {
        const t0 = sentAt.get(key);
        if (t0 === undefined) continue;
        for (const at of list) {
          delays.push(at - t0);
          if (at > lastReceipt) lastReceipt = at;
        }
      }
    }
    delays.sort((a, b) => a - b);
    const wallSeconds = (lastReceipt - startedAt) / 1000;
    const connect = sorted(group.connectMs);
    const responses = sorted(sent.map((s) => s.responseMs));
    return {
      clients,
      delivered: delays.length,
      expected: clients * deliveryCount,
      deliveriesPerSecond: Math.round(delays.length / wallSeconds),
      delayMs: { p50: round(percentile(delays, 50)), p95: round(percentile(delays, 95)), p99: round(percentile(delays, 99)), max: round(delays.at(-1) ?? NaN) },
      connectMs: { p50: round(percentile(connect, 50)), p99: round(percentile(connect, 99)) },
      webhookResponseMs: { p50: round(percentile(responses, 50)), p99: round(percentile(responses, 99)) },
      rssPerStreamKB: round((rssConnected - rssIdle) / 1024 / clients),
      // CPU% of one core while delivering, for each 100 open connections.
      cpuPer100ConnectionsPct: round(((100 * cpuUsed) / wallSeconds) * (100 / clients)),
      clientErrors: errors + sent.filter((s) => !s.ok).length,
    };
  } finally {
    group.exit();
  }
}
