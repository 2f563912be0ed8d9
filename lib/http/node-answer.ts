// The API's answer conventions (route.ts: the one error shape, X-Request-Id,
// one log line per request) on Node's own request and response, for the
// routes our Node server answers itself (node-routes.ts), without web objects.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorResponse, logAnswer, requestIdOf } from "./route";

/** One request header (Node lowercases names; repeated ones joined as the web Headers would). */
export function headerOf(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/** Writes the API's answer to `error` (route.ts errorResponse); returns its status. */
export async function writeErrorAnswer(response: ServerResponse, error: unknown, where: string, requestId: string): Promise<number> {
  const answer = errorResponse(error, where, requestId);
  response.writeHead(answer.status, { ...Object.fromEntries(answer.headers), "X-Request-Id": requestId });
  response.end(await answer.text());
  return answer.status;
}

/** A JSON route, as publicRoute (route.ts) runs one for a route handler. */
export async function serveJson(
  request: IncomingMessage,
  response: ServerResponse,
  where: string,
  handle: () => Promise<{ status: number; body: unknown }>,
): Promise<void> {
  const started = performance.now();
  const requestId = requestIdOf(headerOf(request, "x-request-id"));
  let status: number;
  try {
    const answer = await handle();
    status = answer.status;
    response.writeHead(status, { "Content-Type": "application/json", "X-Request-Id": requestId });
    response.end(JSON.stringify(answer.body));
  } catch (error) {
    status = await writeErrorAnswer(response, error, where, requestId);
  }
  logAnswer(where, { requestId, deliveryId: headerOf(request, "x-github-delivery") ?? undefined, status, started });
}
