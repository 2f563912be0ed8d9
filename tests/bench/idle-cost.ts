// npx tsx tests/bench/idle-cost.ts [--server conduit|socket.io] [--db postgres|pglite] [--streams 100] [--seconds 20]
//                                  [--cpu-prof <dir>]
//
// A server's CPU with `streams` dashboard subscribers open and nothing
// happening: the fixed cost under the bench's "CPU per 100 connections" at
// small N (timers, heartbeats, background passes, garbage collection), as %
// of one core. Needs the production build (`npm run bench` makes it, or `npx next build`).
import { parseArgs } from "node:util";
import { cpuProfArgs, cpuSeconds, round, sleep } from "./bench-kit";
import { SERVER_OPTIONS, startServer, type DbKind, type ServerName } from "./servers";

const { values } = parseArgs({
  options: {
    ...SERVER_OPTIONS,
    streams: { type: "string", default: "100" },
    seconds: { type: "string", default: "20" },
    "cpu-prof": { type: "string" },
  },
});
const seconds = Number(values.seconds);
const server = await startServer(values.server as ServerName, values.db as DbKind, 10, cpuProfArgs(values["cpu-prof"]));
const streams = await server.subscribe(Number(values.streams), false);
try {
  await sleep(3_000); // past the connections' own start-up work
  const before = cpuSeconds(server.pid);
  await sleep(seconds * 1_000);
  const cpuPercent = ((cpuSeconds(server.pid) - before) / seconds) * 100;
  console.log(JSON.stringify({ server: server.name, db: values.db, streams: Number(values.streams), seconds, cpuPercent: round(cpuPercent, 2) }));
} finally {
  streams.exit();
  await server.stop();
}
