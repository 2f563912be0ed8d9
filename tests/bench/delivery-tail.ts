// npx tsx tests/bench/delivery-tail.ts [--server conduit|socket.io] [--db postgres|pglite] [--streams 100]
//                                      [--deliveries 60] [--rate 2] [--slowest 5]
//
// What the bench's delay tail at small N is made of: the fan-out's delays as
// the bench measures them (fanout.ts), then the slowest deliveries one by one,
// each with its own webhook response time and the spread of its receipts.
// Every receipt of one delivery shares that delivery's path to the database,
// so with D deliveries to N streams the p99 (the slowest 1 % of D × N
// receipts) lies within the slowest delivery's fan-out whenever D ≤ 100: at
// small N it is that delivery's own response time. Needs the production build.
import { parseArgs } from "node:util";
import { collectGarbage, now, percentile, round, sleep, sorted } from "./bench-kit";
import { SERVER_OPTIONS, startServer, type DbKind, type ServerName } from "./servers";
import { buildDeliveries, sendAtRate, warmUp } from "./webhooks";

const { values } = parseArgs({
  options: {
    ...SERVER_OPTIONS,
    streams: { type: "string", default: "100" },
    deliveries: { type: "string", default: "60" },
    rate: { type: "string", default: "2" },
    slowest: { type: "string", default: "5" },
  },
});
const [streams, count] = [Number(values.streams), Number(values.deliveries)];
const server = await startServer(values.server as ServerName, values.db as DbKind, 10);
try {
  await warmUp(server.webhookUrl, server.tasks, 300);
  const deliveries = await buildDeliveries(server.tasks, count, 300);
  const group = await server.subscribe(streams);
  await collectGarbage(server.inspectPort); // as the bench's memory reading does just before its window
  await sleep(1_000);
  const startedAt = now();
  const sent = await sendAtRate(server.webhookUrl, deliveries, Number(values.rate));
  const { receipts } = await group.collect(streams * count);
  group.exit();

  const atByKey = new Map<string, number[]>();
  for (const report of receipts) for (const [key, list] of Object.entries(report)) atByKey.set(key, [...(atByKey.get(key) ?? []), ...list]);
  const perDelivery = sent.map((s) => ({ s, delays: sorted((atByKey.get(s.key) ?? []).map((at) => at - s.startedAt)) }));
  const all = sorted(perDelivery.flatMap((d) => d.delays));
  const slowest = perDelivery
    .filter((d) => d.delays.length > 0)
    .sort((a, b) => b.delays.at(-1)! - a.delays.at(-1)!)
    .slice(0, Number(values.slowest))
    .map(({ s, delays }) => ({
      sentAtS: round((s.startedAt - startedAt) / 1000),
      responseMs: round(s.responseMs),
      receiptMs: { min: round(delays[0]!), p50: round(percentile(delays, 50)), max: round(delays.at(-1)!) },
    }));
  const delayMs = { p50: round(percentile(all, 50)), p95: round(percentile(all, 95)), p99: round(percentile(all, 99)) };
  console.log(JSON.stringify({ server: server.name, db: values.db, streams, deliveries: count, received: all.length, delayMs, slowest }));
} finally {
  await server.stop();
}
