// Calls an App Router route handler the way Next does: a Web Request in, the
// dynamic segment params as a promise, a Web Response out.
import { testUser, type TestUser } from "./test-users";

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export type CallOptions<P> = {
  params?: P;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  /** Who calls (by API key): the test admin unless given; null for nobody. */
  as?: TestUser | null;
};

export async function callRoute<P = Record<string, never>>(
  handler: Handler<P>,
  method: string,
  path: string,
  { params, body, rawBody, headers = {}, as }: CallOptions<P> = {},
) {
  const caller = as === undefined ? await testUser() : as;
  const init: RequestInit & { duplex?: "half" } = { method, headers: { ...(caller && { authorization: `Bearer ${caller.key}` }), ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
  } else if (rawBody !== undefined) {
    init.body = rawBody;
    init.duplex = "half";
  }
  const response = await handler(new Request(`http://conduit.test${path}`, init), {
    params: Promise.resolve((params ?? {}) as P),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}
