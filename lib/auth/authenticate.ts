import "server-only";
// Who a request comes from: an API key (Authorization: Bearer) or a session
// cookie. Every API route goes through here by way of lib/http/route.ts, pages
// by way of lib/auth/page-viewer.ts.
import { AppError } from "../shared/api-error";
import type { Actor } from "./actor";
import { actorForApiKey } from "./api-keys";
import { getAuth } from "./auth";

/** The API key of `Authorization: Bearer <key>`, if the request carries one. */
export function bearerKey(headers: Headers): string | null {
  const header = headers.get("authorization");
  return header?.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : null;
}

export async function authenticate(headers: Headers): Promise<Actor | null> {
  const key = bearerKey(headers);
  if (key !== null) return actorForApiKey(key);
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const user = session.user as typeof session.user & { username?: string | null; role?: string };
  return { id: user.id, login: user.username ?? user.email, name: user.name || null, avatarUrl: user.image ?? null, role: user.role === "admin" ? "admin" : "member" };
}

export async function requireActor(headers: Headers): Promise<Actor> {
  const actor = await authenticate(headers);
  if (!actor) throw new AppError("unauthorized", "Sign in, or send an API key as Authorization: Bearer <key>");
  return actor;
}
