// GET /api/stream on Node's own request and response, for our Node server
// (lib/cli/serve.mjs), which hands every other request to Next. Same rules as
// the route handler (app/api/stream/route.ts): authentication, the query, the
// stream limit and the error shape; only the transport differs (stream-sink.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { requireActor } from "../auth/authenticate";
import { errorResponse } from "../http/route";
import { parseStreamQuery, startStream, STREAM_HEADERS } from "./open-stream";
import { NodeResponseSink } from "./stream-sink";

export type NodeStreamHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Where lib/cli/serve.mjs finds the handler once the app has started (instrumentation.ts). */
export const NODE_STREAM_HANDLER = "__conduitServeStream";

export function exposeNodeStreamHandler(): void {
  (globalThis as Record<string, unknown>)[NODE_STREAM_HANDLER] = serveNodeStream satisfies NodeStreamHandler;
}

async function serveNodeStream(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const sink = new NodeResponseSink(response);
  try {
    const headers = toHeaders(request);
    const viewer = await requireActor(headers);
    const query = parseStreamQuery(new URL(request.url ?? "/", "http://localhost"), headers);
    await startStream(viewer, query, sink); // closes itself when the response closes (sink.listen)
    sink.begin(STREAM_HEADERS);
  } catch (error) {
    const answer = errorResponse(error, "GET /api/stream");
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(await answer.text());
  }
}

function toHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
