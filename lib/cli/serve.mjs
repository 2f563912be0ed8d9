// npm start: the production server on plain Node. Next answers every request
// except the few the app answers on Node's own request and response (the event
// stream and GitHub's webhook: lib/http/node-routes.ts, a table exposed on
// globalThis when the app starts in instrumentation.ts), where Next's request
// handling costs more than the work itself (see npm run bench). `next dev` and
// Vercel keep using their route handlers under app/api.
//
//   node --no-memory-reducer --max-semi-space-size=64 lib/cli/serve.mjs [-p <port>] [-H <hostname>]   (PORT; default 3000 on 0.0.0.0)
//
// --no-memory-reducer (npm start and the Dockerfile's CMD; a V8 flag, which
// NODE_OPTIONS refuses and which is read only as the process starts): after a
// full collection V8's memory reducer runs more, compacting ones in the next
// seconds to give memory back. Our heap holds five times the objects of the
// Socket.IO gateway we replace (Next's compiled routes, Prisma, zod), so each
// costs more: with 100 streams open and deliveries at 2/s it was ~40 % of our
// CPU, mostly on V8's helper threads. The price: memory an idle server would
// give back stays (~55 MB after a burst with 1,000 streams open); drop the flag
// where memory counts more (tests/bench/PERFORMANCE.md, session 15).
//
// --max-semi-space-size=64 (MB; Node 20's default is 16): a fan-out to
// thousands of streams allocates fast, and with the default young generation
// much of it lived through two scavenges, was promoted and brought full
// collections of our large heap. At 5,000 streams it took our CPU per 100
// connections from 0.40-0.47 % to 0.33-0.34 % (PERFORMANCE.md, session 16).
// The price: under load the young generation may take up to 96 MB more (two
// semi-spaces of 64 MB against two of 16), and the bench's memory reading at
// 100 streams, a few MB against that, swings more.
import { readFileSync } from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import next from "next";
import pino from "pino";

const log = pino({ base: { pid: process.pid } }); // the same JSON lines as the app's (lib/observability/log.ts)

const ROUTES = "__conduitNodeRoutes"; // NODE_ROUTES in lib/http/node-routes.ts

// As the `next` command sets them: instrumentation.ts runs its Node part only under NEXT_RUNTIME=nodejs.
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME = "nodejs";
// .env files, read as Next reads them (the environment wins), before PORT is
// read below: Next itself would read them only once the app is loading.
nextEnv.loadEnvConfig(process.cwd(), false);

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? "0.0.0.0";
// Until the app has started (and installed its graceful shutdown), a stop signal just exits.
const exitNow = () => process.exit(0);
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, exitNow);

// Run the config the build recorded, as Next's standalone server.js does
// (the Docker image has no next.config.mjs, nor what loading one needs), so
// the server is always the one that was built. Next takes this variable as the
// sign of such a server; without it, it warns at every start that "next
// start" does not suit output: "standalone".
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(builtConfig());

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// prepare() does not wait for instrumentation's register(): the app exposes its
// routes last, once migrated and started, and we listen only then.
const { routes, track, badPath } = await appReady(120_000);
for (const signal of ["SIGTERM", "SIGINT"]) process.off(signal, exitNow);

const server = http.createServer((request, response) => {
  const path = (request.url ?? "/").split("?", 1)[0];
  track(response); // a shutdown lets the requests under way finish
  const route = routes[`${request.method} ${path}`];
  if (route) void route(request, response);
  else if (!decodable(path)) void badPath(request, response);
  else void handle(request, response);
});
// After a deploy every client reconnects at once, while this process still
// runs cold code. Node's default accept queue (511) then fills, the kernel
// drops new connections' SYNs and each of those clients waits a second to try
// again (a 1,000-stream storm here: p99 ~0.3 s without drops, ~1 s with them).
// The kernel caps the queue at net.core.somaxconn.
const BACKLOG = 4096;
server.listen({ port, host: hostname, backlog: BACKLOG }, () => log.info(`Conduit ready on http://${hostname}:${port}`));
// On a stop signal, take no new connections (requests on open ones still get
// answers); the app, which installed its own handler at start, drains and
// exits (lib/startup/shutdown.ts).
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close();
    server.closeIdleConnections();
  });
}

// Next answers a path whose percent-encoding is not UTF-8 (/api/tasks/%ED%A0%80)
// with a plain-text 500 before any handler of ours runs: it is the client's error.
function decodable(path) {
  if (!path.includes("%")) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function builtConfig() {
  try {
    return JSON.parse(readFileSync(".next/required-server-files.json", "utf8")).config;
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    log.fatal("Conduit cannot start: there is no production build here (run npm run build first)");
    process.exit(1);
  }
}

async function appReady(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (typeof globalThis[ROUTES] !== "object") {
    if (Date.now() > deadline) {
      log.fatal(`Conduit cannot start: the app did not finish starting within ${timeoutMs / 1000} s (see the errors above)`);
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return globalThis[ROUTES];
}
