import "server-only";
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

/** For the routes that authenticate otherwise (health: nobody; webhooks: their signature). */
export function publicRoute<P extends Params = Record<string, never>>(handler: (request: Request, params: P) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      return errorResponse(error, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}

/** `where` names the request in the log of an unexpected error, e.g. "GET /api/stream". */
export function errorResponse(error: unknown, where = "a request"): Response {
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
  console.error(`Unhandled error in ${where}`, error);
  const internal = new AppError("internal_error", "Something went wrong on our side");
  return Response.json(internal.toBody(), { status: 500 });
}
