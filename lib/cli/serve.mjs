// npm start: the production server on plain Node. Next answers every request
// except GET /api/stream, which goes to the app's Node stream handler
// (lib/realtime/node-stream.ts, exposed on globalThis when the app starts in
// instrumentation.ts). Next's route pipeline keeps per-request state alive for
// as long as a response streams; for long-lived event streams that costs more
// than the stream itself (see lib/realtime/stream-sink.ts and npm run bench).
// `next dev` and Vercel keep using the route handler, app/api/stream/route.ts.
//
//   node lib/cli/serve.mjs [-p <port>] [-H <hostname>]   (PORT; default 3000 on 0.0.0.0)
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const HANDLER = "__conduitServeStream"; // NODE_STREAM_HANDLER in lib/realtime/node-stream.ts

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? "0.0.0.0";

// As the `next` command sets them: instrumentation.ts runs its Node part only under NEXT_RUNTIME=nodejs.
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME = "nodejs";

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// prepare() does not wait for instrumentation's register(): the app exposes its
// stream handler last, once migrated and started, and we listen only then.
const serveStream = await appReady(120_000);

const isStream = (request) => request.method === "GET" && /^\/api\/stream(\?|$)/.test(request.url ?? "");

const server = http.createServer((request, response) => {
  if (isStream(request)) void serveStream(request, response);
  else void handle(request, response);
});
server.listen(port, hostname, () => console.log(`Conduit ready on http://${hostname}:${port}`));
// Exit on a stop signal as `next start` does (a plain exit, so --cpu-prof and exit hooks still run).
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => process.exit(0));

async function appReady(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (typeof globalThis[HANDLER] !== "function") {
    if (Date.now() > deadline) {
      console.error(`Conduit cannot start: the app did not finish starting within ${timeoutMs / 1000} s (see the errors above)`);
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return globalThis[HANDLER];
}
