// npm run bench -- [--quick] [--db pglite,postgres] [--clients 100,1000,5000,10000]
//                  [--deliveries 30] [--rate 2] [--skip-build] [--cpu-prof <dir>]
//                  [--parts fanout,replay,ingest] [--node-args "<flags>"]
//
// Our stream against a Socket.IO 4 gateway shaped like the design we replace,
// in the same run, on the same machine, with the same kind of client processes
// and the same signed GitHub webhooks (fanout.ts); then the replay of 10,000
// missed events on resume (replay.ts) and the ingest rate with 1,000 streams
// open on PostgreSQL, dashboard subscribers or idle ones (ingest.ts).
// Writes tests/bench/results/bench{,-quick}.{md,json}.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { buildApp, cpuProfArgs } from "./bench-kit";
import { measureFanout } from "./fanout";
import { measureIngest } from "./ingest";
import { measureReplay } from "./replay";
import { renderMarkdown, type BenchResults } from "./report";
import { postgresUrl, startServer, type BenchServer, type DbKind, type ServerName } from "./servers";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    db: { type: "string" },
    clients: { type: "string" },
    deliveries: { type: "string" },
    rate: { type: "string" },
    "skip-build": { type: "boolean", default: false },
    // Writes a V8 CPU profile of our server per run (fan-out, replay) into this folder.
    "cpu-prof": { type: "string" },
    // Which measurements to run (all by default): to profile or rerun one part alone.
    parts: { type: "string" },
    // Node flags for our server after npm start's own, the last winning: an A/B of one
    // (`--node-args=--max-semi-space-size=16`). A run with them writes bench-partial.*.
    "node-args": { type: "string" },
  },
});
const quick = values.quick;
const settings = {
  databases: (values.db ?? "pglite,postgres").split(",") as DbKind[],
  clients: (values.clients ?? (quick ? "100" : "100,1000,5000,10000")).split(",").map(Number),
  // One rate for every N, low enough that 10,000 subscribers (10,000 writes per
  // event) stay within two shared cores for both servers; ingest.ts measures throughput.
  deliveries: Number(values.deliveries ?? (quick ? 10 : 30)),
  ratePerSecond: Number(values.rate ?? 2),
  tasks: 10,
  // Deliveries each server handles, with no subscriber, before it is measured (warm code).
  warmUp: quick ? 100 : 300,
  replayEvents: 10_000,
  ingestStreams: quick ? 100 : 1_000,
  ingestRates: quick ? [50, 100, 200, 400] : [50, 100, 150, 200, 300, 400, 500, 600, 800, 1000, 1250, 1500, 2000],
  ingestStepSeconds: quick ? 1 : 3,
  parts: (values.parts ?? "fanout,replay,ingest").split(","),
  ...(values["node-args"] && { ourNodeArgs: values["node-args"] }),
};
const nodeArgs = [...cpuProfArgs(values["cpu-prof"]), ...(values["node-args"]?.split(" ").filter(Boolean) ?? [])];

function describeMachine(): string {
  const cpus = os.cpus();
  const postgres = execFileSync("psql", [postgresUrl(), "-Atc", "SHOW server_version"]).toString().trim();
  return `${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${postgres}; servers and client processes share the machine`;
}

/** Each server in turn, ours with the run's Node flags, measured by `measure`; the gateway runs as it is. */
async function pair<T>(db: DbKind, taskCount: number, measure: (server: BenchServer) => Promise<T>) {
  const run = async (name: ServerName) => {
    const server = await startServer(name, db, taskCount, name === "conduit" ? nodeArgs : []);
    try {
      return await measure(server);
    } finally {
      await server.stop();
    }
  };
  return { conduit: await run("conduit"), socketIo: await run("socket.io") };
}

const fanoutPair = async (db: DbKind, clients: number) => ({
  db,
  clients,
  ...(await pair(db, settings.tasks, (server) => measureFanout(server, clients, settings))),
});

const ingestPair = async (db: DbKind, idle: boolean) => ({
  db,
  ...(await pair(db, 50, (server) =>
    measureIngest(server, {
      streams: settings.ingestStreams,
      idle,
      rates: settings.ingestRates,
      stepSeconds: settings.ingestStepSeconds,
      warmUp: settings.warmUp,
    }),
  )),
});

buildApp(values["skip-build"]);
const results: BenchResults = { date: new Date().toISOString(), machine: describeMachine(), settings, fanout: [], replay: [], ingest: [] };
for (const db of settings.parts.includes("fanout") ? settings.databases : []) {
  for (const clients of settings.clients) {
    const pair = await fanoutPair(db, clients);
    console.log(JSON.stringify(pair));
    results.fanout.push(pair);
  }
}
for (const db of !settings.parts.includes("replay") ? [] : quick ? settings.databases.slice(0, 1) : settings.databases) {
  const replay = { db, ...(await measureReplay(db, settings.replayEvents, quick ? 3 : 5, nodeArgs)) };
  console.log(JSON.stringify({ replay }));
  results.replay.push(replay);
}
if (settings.parts.includes("ingest") && settings.databases.includes("postgres")) {
  for (const idle of quick ? [true] : [false, true]) {
    const ingest = await ingestPair("postgres", idle);
    console.log(JSON.stringify({ ingest }));
    results.ingest.push(ingest);
  }
}

const markdown = renderMarkdown(results);
console.log(`\n${markdown}`);
// Only a run with every default setting replaces the full results (bench.*); any narrower one writes bench-partial.*.
const partial = [values.parts, values.db, values.clients, values.deliveries, values.rate, values["node-args"]].some((given) => given !== undefined);
const name = quick ? "bench-quick" : partial ? "bench-partial" : "bench";
await mkdir("tests/bench/results", { recursive: true });
await writeFile(`tests/bench/results/${name}.json`, `${JSON.stringify(results, null, 2)}\n`);
await writeFile(`tests/bench/results/${name}.md`, `${markdown}\n`);
console.log(`\nWritten: tests/bench/results/${name}.md and .json`);
