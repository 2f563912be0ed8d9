// Splits a server's CPU samples from `perf` into parts of the webhook path,
// per delivery, so two servers can be compared part by part:
//
//   NODE_OPTIONS=--perf-basic-prof npx tsx tests/bench/ingest-cost.ts [--server socket.io] --rate 200 --seconds 30 &
//   # once the sending has begun (about 15 s in), the server's pid:
//   perf record -F 2000 -g -p <pid> -o perf.data -- sleep 8
//   perf script -i perf.data --tid <pid> -F ip,sym,dso | node tests/bench/perf-split.mjs --hz 2000 --deliveries 1600
//
// (--tid <pid>: the main thread only; 8 s at 200/s is 1,600 deliveries. The
// flag also makes V8 write isolate-*.log files where the processes run.)
// Each sample goes to the part of the first frame, from the leaf up, that
// names one, so a socket write under the driver counts as the driver's.
// Libraries Next bundles into the app's chunks (zod, prom-client, the
// webhook signature's JS) count as the app's code; those it leaves in
// node_modules (pg, pino) get parts of their own. The driver's two parts
// are told apart by line numbers of pg 8.23 (query submit, client.query).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { hz: { type: "string", default: "2000" }, deliveries: { type: "string" } } });
if (!values.deliveries) throw new Error("--deliveries N: how many deliveries the recording covers");
const msPerSample = 1000 / Number(values.hz);
const deliveries = Number(values.deliveries);

const PARTS = [
  ["garbage collection", /CollectGarbage|Scaveng|MinorGC|MarkCompact|Heap::|ConcurrentMarking|GCTracer/],
  ["async hooks (AsyncLocalStorage)", /promiseInitHook|emitInitScript|async_hooks/],
  ["JSON.parse", /JsonParse/],
  ["JSON.stringify", /JsonStringif/],
  ["signature (HMAC)", /Hmac|sha256|HMAC/],
  ["log lines (pino)", /pino|sonic-boom|quick-format/],
  ["driver: reading replies", /pg-protocol\/dist\/parser|pg\/lib\/client\.js:(?!668)|pg\/lib\/result|pg\/lib\/query\.js:(?!152)|postgres-date|pg-types/],
  ["driver: sending statements", /pg\/lib\/query\.js:152|pg\/lib\/connection|pg-protocol\/dist\/serializer|pg-pool|pg\/lib\/client\.js:668/],
  ["HTTP request parsing", /_http_common|_http_server|llhttp|Parser::/],
  ["HTTP response", /_http_outgoing|serve\.mjs/],
  ["app code (our bundles, or gateway.mjs)", /\.next\/server\/chunks|gateway\.mjs/],
  ["socket reads", /onStreamRead|uv__read/],
  ["waiting for events (epoll)", /epoll_pwait|uv__io_poll/],
];

const counts = new Map();
let samples = 0;
for (const block of readFileSync(0, "utf8").split(/\n\s*\n/)) {
  const frames = block.split("\n").map((line) => line.trim()).filter(Boolean);
  if (frames.length === 0) continue;
  samples++;
  const part = frames.map((frame) => PARTS.find(([, pattern]) => pattern.test(frame))).find(Boolean)?.[0] ?? "other";
  counts.set(part, (counts.get(part) ?? 0) + 1);
}

console.log(`${samples} samples, ${((samples * msPerSample) / deliveries).toFixed(2)} ms of CPU per delivery`);
for (const [part, count] of [...counts].sort((a, b) => b[1] - a[1])) {
  const micros = ((count * msPerSample) / deliveries) * 1000;
  console.log(`${String(Math.round(micros)).padStart(5)} µs  ${((100 * count) / samples).toFixed(1).padStart(5)} %  ${part}`);
}
