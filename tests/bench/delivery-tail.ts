// npx tsx tests/bench/delivery-tail.ts [--server conduit|socket.io] [--db postgres|pglite] [--streams 100]
//                                      [--deliveries 60] [--rate 2] [--slowest 5]
//
// What the bench's delay tail at small N is made of: the bench's own fan-out
// run (fanout.ts runFanout), then the slowest deliveries one by one,
// each with its own webhook response time and the spread of its receipts.
// Every receipt of one delivery shares that delivery's path to the database,
// so with D deliveries to N streams the p99 (the slowest 1 % of D × N
// receipts) lies within the slowest delivery's fan-out whenever D ≤ 100: at
// small N it is that delivery's own response time. Needs the production build.
import { parseArgs } from "node:util";
import { percentile, round, sorted } from "./bench-kit";
import { runFanout } from "./fanout";
import { SERVER_OPTIONS, startServer, type DbKind, type ServerName } from "./servers";

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
  const { perDelivery, startedAt } = await runFanout(server, streams, { deliveries: count, ratePerSecond: Number(values.rate), warmUp: 300 });
  const all = sorted(perDelivery.flatMap((d) => d.delays));
  const slowest = perDelivery
    .filter((d) => d.delays.length > 0)
    .sort((a, b) => b.delays.at(-1)! - a.delays.at(-1)!)
    .slice(0, Number(values.slowest))
    .map(({ sent, delays }) => ({
      sentAtS: round((sent.startedAt - startedAt) / 1000),
      responseMs: round(sent.responseMs),
      receiptMs: { min: round(delays[0]!), p50: round(percentile(delays, 50)), max: round(delays.at(-1)!) },
    }));
  const delayMs = { p50: round(percentile(all, 50)), p95: round(percentile(all, 95)), p99: round(percentile(all, 99)) };
  console.log(JSON.stringify({ server: server.name, db: values.db, streams, deliveries: count, received: all.length, delayMs, slowest }));
} finally {
  await server.stop();
}
