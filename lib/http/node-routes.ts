// The routes our Node server (lib/cli/serve.mjs) answers itself, on Node's
// own request and response, instead of handing them to Next: the event stream
// (long-lived: Next's request handling would stay alive with it) and GitHub's
// webhook (the busiest write path: Next's routing costs milliseconds per
// delivery). Each keeps its route handler under app/api for `next dev` and
// Vercel, and both paths run the same lib code.
import type { IncomingMessage, ServerResponse } from "node:http";
import { receiveTracked } from "../github/receive-webhook";
import { serveNodeStream } from "../realtime/node-stream";
import { AppError } from "../shared/api-error";
import { trackWork } from "../startup/lifecycle";
import { headerOf, serveJson } from "./node-answer";
import { readBodyText } from "./read-json";

export type NodeRoute = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Where lib/cli/serve.mjs finds the app once it has started (instrumentation.ts). */
export const NODE_ROUTES = "__conduitNodeRoutes";

/**
 * What our Node server gets: the routes it answers itself, `track`, which it
 * calls for every request, and `badPath`, for a path whose percent-encoding is
 * not UTF-8 (Next would answer it with a plain-text 500 before any handler of ours).
 */
export type NodeApp = { routes: Record<string, NodeRoute>; track: (response: ServerResponse) => void; badPath: NodeRoute };

export function exposeNodeRoutes(): void {
  const routes: Record<string, NodeRoute> = {
    "GET /api/stream": serveNodeStream,
    "POST /api/webhooks/github": (request, response) =>
      serveJson(request, response, "POST /api/webhooks/github", () =>
        receiveTracked({ header: (name) => headerOf(request, name), readBody: (limit) => readBodyText(request.headers["content-length"], request, limit) }),
      ),
  };
  // Every request under way is work a shutdown waits for, whoever answers it (a stream's ends when it is closed).
  const track = (response: ServerResponse) => void trackWork(new Promise((resolve) => response.once("close", resolve)));
  const badPath: NodeRoute = (request, response) =>
    serveJson(request, response, `${request.method} (undecodable path)`, () => {
      throw new AppError("validation_failed", "The path is not valid percent-encoded UTF-8");
    });
  (globalThis as Record<string, unknown>)[NODE_ROUTES] = { routes, track, badPath } satisfies NodeApp;
}
