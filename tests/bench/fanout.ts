// One server, N dashboard subscribers, a steady rate of pull request
// deliveries: the delay from the start of each webhook request to its receipt
// at every subscriber, and what holding N connections costs the server.
import { anonymousRssBytes, collectGarbage, cpuSeconds, now, percentile, round, sleep, sorted } from "./bench-kit";
import type { BenchServer } from "./servers";
import { buildDeliveries, sendAtRate, warmUp, type Sent } from "./webhooks";

export type FanoutResult = {
  clients: number;
  delivered: number;
  expected: number;
  deliveriesPerSecond: number;
  delayMs: { p50: number; p95: number; p99: number; max: number };
  connectMs: { p50: number; p99: number };
  webhookResponseMs: { p50: number; p99: number };
  /** Growth of the server's anonymous resident memory per open idle stream. */
  memoryPerStreamKB: number;
  cpuPer100ConnectionsPct: number;
  /** Connections that failed to open; they receive nothing, so `expected` counts only the open ones. */
  connectErrors: number;
  /** Why they failed (an HTTP status, a socket error's code) -> count; absent when none did. */
  connectFailures?: Record<string, number>;
  clientErrors: number;
};

/** Memory after a full garbage collection and a quiet second: the median of five readings. */
async function settledMemory(server: BenchServer): Promise<number> {
  await collectGarbage(server.inspectPort);
  await sleep(1_000);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(anonymousRssBytes(server.pid));
    await sleep(200);
  }
  return sorted(readings)[2]!;
}

export type FanoutSettings = { deliveries: number; ratePerSecond: number; warmUp: number };

/** Each delivery as sent, with its delays (ms, ascending) from the start of its request to each receipt. */
export type DeliveryDelays = { sent: Sent; delays: number[] };

/**
 * The fan-out run at one N, unsummarized: warm-up, the memory before and with
 * the streams open, then the deliveries at a steady rate and every receipt.
 */
export async function runFanout(server: BenchServer, clients: number, { deliveries: deliveryCount, ratePerSecond, warmUp: warmUpCount }: FanoutSettings) {
  await warmUp(server.webhookUrl, server.tasks, warmUpCount);
  const deliveries = await buildDeliveries(server.tasks, deliveryCount, warmUpCount);
  const memoryIdle = await settledMemory(server);
  const group = await server.subscribe(clients);
  try {
    const memoryConnected = await settledMemory(server);
    const cpuBefore = cpuSeconds(server.pid);
    const startedAt = now();
    const sent = await sendAtRate(server.webhookUrl, deliveries, ratePerSecond);
    const { receipts, errors } = await group.collect((clients - group.connectErrors) * deliveryCount);
    const cpuUsed = cpuSeconds(server.pid) - cpuBefore;
    const receivedAt = new Map<string, number[]>();
    for (const report of receipts) for (const [key, list] of Object.entries(report)) receivedAt.set(key, [...(receivedAt.get(key) ?? []), ...list]);
    const perDelivery: DeliveryDelays[] = sent.map((s) => ({ sent: s, delays: sorted((receivedAt.get(s.key) ?? []).map((at) => at - s.startedAt)) }));
    const lastReceipt = Math.max(startedAt, ...perDelivery.map((d) => d.sent.startedAt + (d.delays.at(-1) ?? 0)));
    return { perDelivery, startedAt, lastReceipt, cpuUsed, memoryIdle, memoryConnected, group, errors };
  } finally {
    group.exit();
  }
}

export async function measureFanout(server: BenchServer, clients: number, settings: FanoutSettings): Promise<FanoutResult> {
  const { perDelivery, startedAt, lastReceipt, cpuUsed, memoryIdle, memoryConnected, group, errors } = await runFanout(server, clients, settings);
  const delays = sorted(perDelivery.flatMap((d) => d.delays));
  const wallSeconds = (lastReceipt - startedAt) / 1000;
  const connect = sorted(group.connectMs);
  const responses = sorted(perDelivery.map((d) => d.sent.responseMs));
  return {
    clients,
    delivered: delays.length,
    expected: (clients - group.connectErrors) * settings.deliveries,
    deliveriesPerSecond: Math.round(delays.length / wallSeconds),
    delayMs: { p50: round(percentile(delays, 50)), p95: round(percentile(delays, 95)), p99: round(percentile(delays, 99)), max: round(delays.at(-1) ?? NaN) },
    connectMs: { p50: round(percentile(connect, 50)), p99: round(percentile(connect, 99)) },
    webhookResponseMs: { p50: round(percentile(responses, 50)), p99: round(percentile(responses, 99)) },
    memoryPerStreamKB: round((memoryConnected - memoryIdle) / 1024 / (clients - group.connectErrors)),
    // CPU% of one core while delivering, for each 100 open connections. Two
    // decimals: at 1,000 streams and more it is 0.3-0.5 %, and with one the
    // ratio was left to rounding (0.45 against 0.44 would print 0.5 and 0.4).
    cpuPer100ConnectionsPct: round(((100 * cpuUsed) / wallSeconds) * (100 / clients), 2),
    connectErrors: group.connectErrors,
    ...(group.connectErrors > 0 && { connectFailures: group.connectFailures }),
    clientErrors: errors + perDelivery.filter((d) => !d.sent.ok).length,
  };
}
