// GET /api/stream on Node's own request and response, for our Node server
// (lib/http/node-routes.ts). Same rules as the route handler
// (app/api/stream/route.ts): authentication, the query, the stream limit and
// the error shape; only the transport differs (stream-sink.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { requireActor } from "../auth/authenticate";
import { writeErrorAnswer } from "../http/node-answer";
import { nodeHeaders } from "../http/node-headers";
import { logAnswer, requestIdOf } from "../http/route";
import { parseStreamQuery, startStream, STREAM_HEADERS } from "./open-stream";
import { NodeResponseSink } from "./stream-sink";

export async function serveNodeStream(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = performance.now();
  const sink = new NodeResponseSink(response);
  const headers = nodeHeaders(request);
  const requestId = requestIdOf(headers.get("x-request-id"));
  try {
    const viewer = await requireActor(headers);
    const query = parseStreamQuery(new URL(request.url ?? "/", "http://localhost"), headers);
    await startStream(viewer, query, sink); // closes itself when the response closes (sink.listen)
    sink.begin({ ...STREAM_HEADERS, "X-Request-Id": requestId });
    logAnswer("GET /api/stream", { requestId, status: 200, started, stream: true });
  } catch (error) {
    const status = await writeErrorAnswer(response, error, "GET /api/stream", requestId);
    logAnswer("GET /api/stream", { requestId, status, started, stream: true });
  }
}
