// Sign-in, API keys and who may do what, through the real route handlers and
// better-auth on a fresh database.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { DELETE as deleteKeyRoute } from "@/app/api/keys/[id]/route";
import { GET as listKeysRoute, POST as createKeyRoute } from "@/app/api/keys/route";
import { POST as clarifyRoute } from "@/app/api/tasks/[id]/clarify/route";
import { POST as retryRoute } from "@/app/api/tasks/[id]/retry/route";
import { DELETE as cancelRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/tasks/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/tasks/route";
import { POST as createUserRoute } from "@/app/api/users/route";
import { GET as streamRoute } from "@/app/api/stream/route";
import { actorForApiKey, touchDue } from "@/lib/auth/api-keys";
import { getPrisma } from "@/lib/db/prisma";
import { resetEnvCache } from "@/lib/config/env";
import { callRoute } from "../helpers/call-route";
import { countRows, makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";
import { testUser } from "../helpers/test-users";

withTestDatabase();

const ORIGIN = "http://conduit.test";
const auth = (method: "GET" | "POST", path: string, body?: unknown, headers: Record<string, string> = {}) =>
  callRoute(authRoute[method], method, `/api/auth/${path}`, { body, as: null, headers: { origin: ORIGIN, ...headers } });
const cookieOf = (res: { headers: Headers }) => res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

describe("accounts", () => {
  it("makes the first account admin, then closes sign-up; people sign in with login or email", async () => {
    const first = await auth("POST", "sign-up/email", { email: "ada@example.com", password: "first-admin-password", name: "Ada", username: "ada" });
    expect(first.status).toBe(200);
    expect(first.json.user).toMatchObject({ username: "ada", role: "admin" });

    const second = await auth("POST", "sign-up/email", { email: "eve@example.com", password: "second-password", name: "Eve", username: "eve" });
    expect(second.status).toBe(403);

    const byLogin = await auth("POST", "sign-in/username", { username: "ada", password: "first-admin-password" });
    expect(byLogin.status).toBe(200);
    const session = { cookie: cookieOf(byLogin) };
    const list = await callRoute(listRoute, "GET", "/api/tasks", { as: null, headers: session });
    expect(list.status).toBe(200);

    expect((await auth("POST", "sign-in/email", { email: "ada@example.com", password: "first-admin-password" })).status).toBe(200);
    expect((await auth("POST", "sign-in/username", { username: "ada", password: "wrong-password!" })).status).toBe(401);
  });

  it("lets only admins add accounts, which then sign in", async () => {
    const member = await testUser("mallory");
    const body = { login: "grace", password: "grace-password-1" };
    expect((await callRoute(createUserRoute, "POST", "/api/users", { body, as: member })).status).toBe(403);
    const created = await callRoute(createUserRoute, "POST", "/api/users", { body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ login: "grace", role: "member" });
    expect((await callRoute(createUserRoute, "POST", "/api/users", { body })).status).toBe(409);
    const weak = await callRoute(createUserRoute, "POST", "/api/users", { body: { login: "weak", password: "short" } });
    expect(weak.status).toBe(400);
    expect(weak.json.error.details).toEqual([{ path: "password", message: "At least 10 characters" }]);
    expect((await auth("POST", "sign-in/username", { username: "grace", password: "grace-password-1" })).status).toBe(200);
  });
});

describe("session cookies in production", () => {
  it("are Secure, HttpOnly and SameSite=Lax when APP_URL is https", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { NODE_ENV: "production", APP_URL: "https://conduit.example.com", BETTER_AUTH_SECRET: "x".repeat(40) });
    resetEnvCache();
    try {
      await callRoute(createUserRoute, "POST", "/api/users", { body: { login: "secure-sam", password: "secure-sam-password" } });
      const res = await callRoute(authRoute.POST, "POST", "/api/auth/sign-in/username", {
        as: null,
        body: { username: "secure-sam", password: "secure-sam-password" },
        headers: { origin: "https://conduit.example.com" },
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token="))!;
      expect(cookie).toMatch(/^__Secure-conduit\.session_token=/);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
    } finally {
      process.env = saved;
      resetEnvCache();
    }
  });
});

describe("authentication of the API", () => {
  it("answers 401 in the one error shape without a session or key, and with an unknown key", async () => {
    const before = await countRows();
    for (const as of [null, { id: "x", login: "x", role: "member" as const, key: "cdt_not-a-real-key" }]) {
      const list = await callRoute(listRoute, "GET", "/api/tasks", { as });
      expect(list.status).toBe(401);
      expect(list.json).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
      expect((await callRoute(createRoute, "POST", "/api/tasks", { as, body: { description: "Should never be written" } })).status).toBe(401);
      expect((await callRoute(streamRoute, "GET", "/api/stream?topic=dashboard", { as })).status).toBe(401);
    }
    expect(await countRows()).toEqual(before);
  });

  it("creates, lists and revokes API keys; a revoked key stops working; another user's key cannot be revoked", async () => {
    const owner = await testUser("keyowner");
    const created = await callRoute(createKeyRoute, "POST", "/api/keys", { as: owner, body: { name: "deploy" } });
    expect(created.status).toBe(201);
    const { key, id } = created.json;
    expect(key).toMatch(/^cdt_/);
    const listed = await callRoute(listKeysRoute, "GET", "/api/keys", { as: owner });
    expect(listed.json.keys.map((k: { name: string }) => k.name)).toContain("deploy");
    expect(JSON.stringify(listed.json)).not.toContain(key);

    const asKey = { ...owner, key };
    expect((await callRoute(listRoute, "GET", "/api/tasks", { as: asKey })).status).toBe(200);
    const other = await testUser("someoneelse");
    expect((await callRoute(deleteKeyRoute, "DELETE", `/api/keys/${id}`, { as: other, params: { id } })).status).toBe(404);
    expect((await callRoute(deleteKeyRoute, "DELETE", `/api/keys/${id}`, { as: owner, params: { id } })).status).toBe(204);
    expect((await callRoute(listRoute, "GET", "/api/tasks", { as: asKey })).status).toBe(401);
  });

  it("writes a key's lastUsedAt once for a burst of requests, then not again within a minute", () => {
    const t0 = Date.parse("2026-11-27T08:00:00Z");
    expect(touchDue("key-1", null, t0)).toBe(true);
    expect(touchDue("key-1", null, t0 + 5)).toBe(false); // the rest of the burst read the same old value
    expect(touchDue("key-1", new Date(t0 - 120_000), t0 + 30_000)).toBe(false);
    expect(touchDue("key-1", new Date(t0), t0 + 61_000)).toBe(true);
    expect(touchDue("key-2", new Date(t0 - 30_000), t0)).toBe(false); // written recently by another instance
  });

  it("remembers a key's owner for ten seconds, and an unknown key not at all", async () => {
    const user = await testUser("cached-owner");
    const t0 = Date.now();
    expect(await actorForApiKey(user.key, t0)).toMatchObject({ id: user.id, role: "member" });
    await getPrisma().user.update({ where: { id: user.id }, data: { role: "admin" } });
    expect(await actorForApiKey(user.key, t0 + 9_000)).toMatchObject({ role: "member" }); // remembered
    expect(await actorForApiKey(user.key, t0 + 10_001)).toMatchObject({ role: "admin" }); // looked up again

    const unknown = `cdt_${"u".repeat(43)}`;
    expect(await actorForApiKey(unknown, t0)).toBeNull();
    const keyHash = createHash("sha256").update(unknown).digest("hex");
    await getPrisma().apiKey.create({ data: { userId: user.id, name: "late", start: unknown.slice(0, 10), keyHash } });
    expect(await actorForApiKey(unknown, t0 + 1)).toMatchObject({ id: user.id });
  });

  it("refuses a cookie-authenticated change from another origin (CSRF), accepts it from ours", async () => {
    await testUser("csrf-admin");
    const created = await callRoute(createUserRoute, "POST", "/api/users", { body: { login: "carol", password: "carol-password-1" } });
    expect(created.status).toBe(201);
    const cookie = cookieOf(await auth("POST", "sign-in/username", { username: "carol", password: "carol-password-1" }));
    const body = { description: "Created from a page of ours" };
    const evil = await callRoute(createRoute, "POST", "/api/tasks", { as: null, body, headers: { cookie, origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(evil.json.error.code).toBe("forbidden");
    const none = await callRoute(createRoute, "POST", "/api/tasks", { as: null, body, headers: { cookie } });
    expect(none.status).toBe(403);
    const ours = await callRoute(createRoute, "POST", "/api/tasks", { as: null, body, headers: { cookie, origin: ORIGIN, host: "conduit.test" } });
    expect(ours.status).toBe(201);
  });
});

describe("private tasks and permissions", () => {
  it("shows a private task only to its creator and admins: list, details, counts and filter options", async () => {
    const owner = await testUser("owner");
    const stranger = await testUser("stranger");
    const secret = await makeTask("received", { description: "A private task about payroll", isPrivate: true }, owner.id);
    const seen = async (as: typeof owner | undefined) => ({
      list: (await callRoute(listRoute, "GET", "/api/tasks?limit=100", { as })).json,
      detail: (await callRoute(getRoute, "GET", `/api/tasks/${secret.id}`, { as, params: { id: secret.id } })).status,
    });
    const mine = await seen(owner);
    const theirs = await seen(stranger);
    const admin = await seen(undefined);
    expect(mine.list.tasks.map((t: { id: string }) => t.id)).toContain(secret.id);
    expect(admin.list.tasks.map((t: { id: string }) => t.id)).toContain(secret.id);
    expect(theirs.list.tasks.map((t: { id: string }) => t.id)).not.toContain(secret.id);
    expect([mine.detail, admin.detail, theirs.detail]).toEqual([200, 200, 404]);
    expect(theirs.list.counts.active).toBe(mine.list.counts.active - 1);
    expect(theirs.list.total).toBe(mine.list.total - 1);
  });

  it("lets only the creator or an admin clarify, retry, cancel, choose the agent or change privacy (403 for others, nothing written)", async () => {
    const owner = await testUser("creator");
    const other = await testUser("bystander");
    const waiting = await makeTask("needs_clarification", {}, owner.id);
    const failed = await makeTask("failed", {}, owner.id);
    const before = await countRows();
    const attempts = [
      () => callRoute(clarifyRoute, "POST", `/api/tasks/${waiting.id}/clarify`, { as: other, params: { id: waiting.id }, body: { answers: ["a", "b"] } }),
      () => callRoute(retryRoute, "POST", `/api/tasks/${failed.id}/retry`, { as: other, params: { id: failed.id } }),
      () => callRoute(cancelRoute, "DELETE", `/api/tasks/${waiting.id}`, { as: other, params: { id: waiting.id } }),
      () => callRoute(patchRoute, "PATCH", `/api/tasks/${waiting.id}`, { as: other, params: { id: waiting.id }, body: { agent: "codex" } }),
      () => callRoute(patchRoute, "PATCH", `/api/tasks/${waiting.id}`, { as: other, params: { id: waiting.id }, body: { isPrivate: true } }),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("forbidden");
    }
    expect(await countRows()).toEqual(before);

    const hidden = await callRoute(patchRoute, "PATCH", `/api/tasks/${waiting.id}`, { as: owner, params: { id: waiting.id }, body: { isPrivate: true } });
    expect(hidden.json).toMatchObject({ isPrivate: true });
    // Now private: the bystander is told it does not exist, not that it is forbidden.
    expect((await attempts[2]!()).status).toBe(404);
    expect((await callRoute(cancelRoute, "DELETE", `/api/tasks/${waiting.id}`, { params: { id: waiting.id } })).status).toBe(200); // an admin
  });
});
