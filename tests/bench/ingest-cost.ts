// npx tsx tests/bench/ingest-cost.ts [--server conduit|socket.io] [--db postgres|pglite] [--rate 100] [--seconds 10]
//                                    [--idle-streams 0 | --dashboard-streams 0] [--cpu-prof <dir>]
//
// Server CPU per webhook delivery, end to end (HTTP, signature, database,
// response), at a steady rate (on PostgreSQL unless --db pglite): the cost
// the ingest figure of `npm run bench` is bound by, without its rising
// steps. --idle-streams holds that many subscribers of a task no delivery
// names (as the bench's ingest does: the hub runs, nothing is written to
// them); --dashboard-streams that many dashboard subscribers, to which every
// delivery is written.
// Also the whole machine's busy CPU per delivery (PostgreSQL, this sender and
// the client processes included), from /proc/stat, the clients' own, and the
// local PostgreSQL's (its processes alive at the end of the window; none on
// PGlite, which runs inside the server) and this sender's.
// Needs the production build (`npm run bench` makes it, or `npx next build`).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { cpuProfArgs, cpuSeconds, cpuSecondsByName, percentile, round, sorted } from "./bench-kit";
import { SERVER_OPTIONS, startServer, type DbKind, type ServerName } from "./servers";
import { buildDeliveries, sendAtRate, warmUp } from "./webhooks";

const { values } = parseArgs({
  options: {
    ...SERVER_OPTIONS,
    rate: { type: "string", default: "100" },
    seconds: { type: "string", default: "10" },
    "idle-streams": { type: "string", default: "0" },
    "dashboard-streams": { type: "string", default: "0" },
    "cpu-prof": { type: "string" },
  },
});
const rate = Number(values.rate);
const count = rate * Number(values.seconds);
/** Busy CPU seconds of the whole machine so far (all cores; /proc/stat counts in 1/100 s). */
function machineCpuSeconds(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

const nodeArgs = cpuProfArgs(values["cpu-prof"]);
const server = await startServer(values.server as ServerName, values.db as DbKind, 50, nodeArgs);
let streams: Awaited<ReturnType<typeof server.subscribe>> | undefined;
try {
  await warmUp(server.webhookUrl, server.tasks, 300);
  const deliveries = await buildDeliveries(server.tasks, count, 300);
  const idle = Number(values["idle-streams"]);
  const dashboard = Number(values["dashboard-streams"]);
  if (idle > 0 && dashboard > 0) throw new Error("--idle-streams or --dashboard-streams, not both");
  if (idle > 0 || dashboard > 0) streams = await server.subscribe(idle || dashboard, idle > 0);
  const clientCpu = () => (streams?.pids ?? []).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const clientsBefore = clientCpu();
  const before = cpuSeconds(server.pid);
  const machineBefore = machineCpuSeconds();
  const databaseBefore = cpuSecondsByName("postgres");
  const senderBefore = process.cpuUsage();
  const sent = await sendAtRate(server.webhookUrl, deliveries, rate);
  const sender = process.cpuUsage(senderBefore);
  let databaseCpu = 0;
  for (const [pid, seconds] of cpuSecondsByName("postgres")) databaseCpu += seconds - (databaseBefore.get(pid) ?? 0);
  const cpu = cpuSeconds(server.pid) - before;
  const clientsCpu = clientCpu() - clientsBefore;
  const machineCpu = machineCpuSeconds() - machineBefore;
  const times = sorted(sent.map((s) => s.responseMs));
  console.log(
    JSON.stringify({
      server: server.name,
      db: values.db,
      rate,
      idleStreams: idle,
      dashboardStreams: dashboard,
      deliveries: sent.length,
      errors: sent.filter((s) => !s.ok).length,
      cpuMsPerDelivery: round((cpu * 1000) / sent.length, 2),
      machineCpuMsPerDelivery: round((machineCpu * 1000) / sent.length, 2),
      clientsCpuMsPerDelivery: round((clientsCpu * 1000) / sent.length, 2),
      // On PGlite the database runs inside the server: its CPU is the server's.
      ...(values.db === "postgres" && { databaseCpuMsPerDelivery: round((databaseCpu * 1000) / sent.length, 2) }),
      senderCpuMsPerDelivery: round((sender.user + sender.system) / 1000 / sent.length, 2),
      p50: round(percentile(times, 50)),
      p99: round(percentile(times, 99)),
    }),
  );
} finally {
  streams?.exit();
  await server.stop();
}
