import "server-only";
import { randomUUID } from "node:crypto";
import { log } from "../observability/log";
import type { Actor } from "../auth/actor";
import { bearerKey, requireActor } from "../auth/authenticate";
import { assertSameOrigin } from "./same-origin";
import { AppError } from "../shared/api-error";
import { isDatabaseUnavailable } from "../db/database-errors";

type RouteContext<P> = { params: Promise<P> };
type Params = Record<string, string | string[]>;

/**
 * Wraps an API route handler: the one try/catch of the API, and the one place
 * that demands a session or an API key (401 otherwise) and checks the Origin
 * of cookie-authenticated changes (403). AppErrors become their status with
 * the shared error body; an unreachable database becomes 503; anything else
 * is logged and answered 500 without internals.
 */
export function route<P extends Params = Record<string, never>>(
  handler: (request: Request, params: P, actor: Actor) => Promise<Response>,
) {
  return publicRoute<P>(async (request, params) => {
    const actor = await requireActor(request.headers);
    if (bearerKey(request.headers) === null) assertSameOrigin(request);
    return handler(request, params, actor);
  });
}

/**
 * For the routes that authenticate otherwise (health: nobody; webhooks: their
 * signature). Every request gets an id (the caller's X-Request-Id if it is a
 * plain token, else a new one), sent back in X-Request-Id and put on its log
 * line with the method, path, status and time taken, and GitHub's delivery id
 * when there is one.
 */
export function publicRoute<P extends Params = Record<string, never>>(handler: (request: Request, params: P) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdOf(request.headers.get("x-request-id"));
    const where = `${request.method} ${new URL(request.url).pathname}`;
    let response: Response;
    try {
      response = await handler(request, await context.params);
    } catch (error) {
      response = errorResponse(error, where, requestId);
    }
    response.headers.set("X-Request-Id", requestId);
    const stream = response.headers.get("content-type")?.startsWith("text/event-stream") ?? false;
    logAnswer(where, { requestId, deliveryId: request.headers.get("x-github-delivery") ?? undefined, status: response.status, started, stream });
    return response;
  };
}

/** A request's one log line (here and for streams on our Node server, node-stream.ts). */
export function logAnswer(where: string, a: { requestId: string; status: number; started: number; stream?: boolean; deliveryId?: string }): void {
  // Streams are opened by the thousand after a deploy: one line each at debug.
  const level = a.stream && a.status === 200 ? "debug" : "info";
  log[level]({ requestId: a.requestId, deliveryId: a.deliveryId, status: a.status, ms: Math.round(performance.now() - a.started) }, where);
}

const REQUEST_ID = /^[\w.-]{1,128}$/;

/** The caller's X-Request-Id (`given`) if it is a plain token, else a new id. */
export function requestIdOf(given: string | null): string {
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** `where` names the request in the log of an unexpected error, e.g. "GET /api/stream". */
export function errorResponse(error: unknown, where = "a request", requestId?: string): Response {
  if (error instanceof AppError) {
    const retryAfter = (error.details as { retryAfter?: number } | undefined)?.retryAfter;
    return Response.json(error.toBody(), { status: error.status, headers: retryAfter ? { "Retry-After": String(retryAfter) } : {} });
  }
  // A unique index refused the write: the same thing already exists (say, an issue number).
  if ((error as { code?: unknown })?.code === "P2002") {
    return Response.json(new AppError("conflict", "That would duplicate an existing record").toBody(), { status: 409 });
  }
  if (isDatabaseUnavailable(error)) {
    const unavailable = new AppError("unavailable", "The database is unreachable; try again shortly");
    return Response.json(unavailable.toBody(), { status: 503, headers: { "Retry-After": "5" } });
  }
  log.error({ err: error, requestId }, `Unhandled error in ${where}`);
  const internal = new AppError("internal_error", "Something went wrong on our side");
  return Response.json(internal.toBody(), { status: 500 });
}
