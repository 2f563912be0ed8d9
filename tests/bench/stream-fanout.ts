// npm run bench -- [--streams 100,1000] [--events 200] [--rate 20] [--db pglite|postgres] [--skip-build] [--profile]
//
// Starts the production build, opens N real SSE streams on the dashboard topic
// from a separate client process, creates tasks through the API at a steady
// rate, and reports for each N: events delivered per second and the p50/p95/p99
// delay from the start of the POST that commits an event to its receipt at each
// subscriber (so the database write and commit are inside the figure).
import { fork } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer } from "../helpers/app-server";
import { buildApp, clientProcess, now, percentile, round } from "./bench-kit";

const { values } = parseArgs({
  options: {
    streams: { type: "string", default: "100,1000" },
    events: { type: "string", default: "200" },
    rate: { type: "string", default: "20" },
    db: { type: "string", default: "pglite" },
    "skip-build": { type: "boolean", default: false },
    // Writes a V8 CPU profile of the server per run to tests/bench/results/profiles/.
    profile: { type: "boolean", default: false },
  },
});
const streamCounts = values.streams.split(",").map(Number);
const eventCount = Number(values.events);
const ratePerSecond = Number(values.rate);
const postgresUrl = values.db === "postgres" ? (process.env.TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres") : undefined;


async function runOnce(streams: number) {
  const db = await makeAppDatabase(postgresUrl);
  const nodeArgs = values.profile ? ["--cpu-prof", "--cpu-prof-dir=tests/bench/results/profiles"] : [];
  // All streams belong to one API key: lift the per-person stream limit for the run. The
  // pipeline stays off, so each created task is one event, as the figures assume.
  const server = await startAppServer(
    { ...db.env, SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false", STREAM_LIFETIME_MS: "3600000", STREAMS_PER_USER: "1000000" },
    { nodeArgs },
  );
  const api = apiClient(server);
  const rssIdle = (await api.health()).memory.rssBytes;
  const { next, collect, exit } = clientProcess(fork("tests/bench/sse-clients.mjs", [`${server.url}/api/stream?topic=dashboard`, String(streams), server.key]));
  try {
    const connected = await next<{ connectMs: number[] }>("connected");
    const rssConnected = (await api.health()).memory.rssBytes;

    const sentAt = new Map<string, number>();
    const interval = 1000 / ratePerSecond;
    const startedAt = now();
    for (let i = 0; i < eventCount; i++) {
      const due = startedAt + i * interval;
      const wait = due - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t0 = now();
      const task = await api.createTask(`Benchmark task ${i} for ${streams} streams`);
      sentAt.set(`${task.id}:1`, t0); // a new task's first event is version 1
    }
    const report = await collect(streams * eventCount); // every stream has every event, or 30 s passed
    const health = await api.health();
    const delays: number[] = [];
    let lastReceipt = 0;
    for (const [key, list] of Object.entries(report.receipts)) {
      const t0 = sentAt.get(key);
      if (t0 === undefined) continue;
      for (const at of list) {
        delays.push(at - t0);
        lastReceipt = Math.max(lastReceipt, at);
      }
    }
    delays.sort((a, b) => a - b);
    const connect = [...connected.connectMs].sort((a, b) => a - b);
    return {
      streams,
      events: eventCount,
      expectedDeliveries: streams * eventCount,
      delivered: delays.length,
      deliveriesPerSecond: Math.round(delays.length / ((lastReceipt - startedAt) / 1000)),
      delayMs: { p50: round(percentile(delays, 50)), p95: round(percentile(delays, 95)), p99: round(percentile(delays, 99)), max: round(delays.at(-1) ?? NaN) },
      connectMs: { p50: round(percentile(connect, 50)), p99: round(percentile(connect, 99)) },
      serverRssPerStreamKB: Math.round((rssConnected - rssIdle) / 1024 / streams),
      serverRssMB: Math.round(health.memory.rssBytes / 1024 / 1024),
      clientErrors: report.errors,
      slowConsumersDropped: health.stream.slowConsumersDropped,
    };
  } finally {
    exit();
    await server.stop();
    await db.cleanup();
  }
}

buildApp(values["skip-build"]);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const results = [];
for (const streams of streamCounts) {
  const result = await runOnce(streams);
  results.push(result);
  console.log(JSON.stringify(result));
}
const table = [
  `Stream fan-out on ${values.db} (${machine}); ${eventCount} task creations at ${ratePerSecond}/s, delay = POST start → receipt`,
  "",
  "| streams | delivered | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | connect p99 ms | RSS per idle stream |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...results.map(
    (r) =>
      `| ${r.streams} | ${r.delivered}/${r.expectedDeliveries} | ${r.deliveriesPerSecond} | ${r.delayMs.p50} | ${r.delayMs.p95} | ${r.delayMs.p99} | ${r.delayMs.max} | ${r.connectMs.p99} | ${r.serverRssPerStreamKB} KB |`,
  ),
].join("\n");
console.log(`\n${table}`);
await mkdir("tests/bench/results", { recursive: true });
await writeFile(`tests/bench/results/stream-fanout-${values.db}.json`, JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2));
await writeFile(`tests/bench/results/stream-fanout-${values.db}.md`, `${table}\n`);
