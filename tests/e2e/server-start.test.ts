// The production server over real HTTP: it migrates its database before it
// serves, keeps data across restarts, and answers the API's error shapes.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../helpers/api-client";
import { signIn, ADMIN } from "../helpers/accounts";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { makeAppDatabase } from "../helpers/app-database";
import { usingPostgres } from "../helpers/test-database";

describe(`the production server on ${usingPostgres ? "PostgreSQL" : "embedded PGlite"}`, () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let server: AppServer;

  beforeAll(async () => {
    // A real first start on PGlite: the app makes its folders and runs initdb itself.
    ({ env, cleanup } = await makeAppDatabase(undefined, { asNew: true }));
    server = await startAppServer({ ...env, SEED_DEMO_DATA: "true", PIPELINE_ENABLED: "false" });
  });

  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });

  const get = (path: string) => fetch(`${server.url}${path}`, { headers: bearer(server.key) });
  const post = (path: string, body: string) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...bearer(server.key) }, body });

  it("migrates a new database at start and fills it with demo tasks in several states", async () => {
    const health = await fetch(`${server.url}/api/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: "ok", db: "connected", database: { kind: usingPostgres ? "postgres" : "pglite" } });

    const list = await get("/api/tasks?limit=100").then((r) => r.json());
    expect(list.total).toBeGreaterThanOrEqual(5);
    const statuses = new Set(list.tasks.map((t: { status: string }) => t.status));
    expect(statuses.size).toBeGreaterThanOrEqual(5);
    expect(list.counts.completed).toBeGreaterThan(0);
  });

  it("sends a visitor without a session to sign in, and serves the dashboard with the tasks rendered on the server after", async () => {
    const anonymous = await fetch(server.url, { redirect: "manual" });
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toMatch(/\/sign-in$/);
    const res = await fetch(server.url, { headers: { cookie: await signIn(server.url, ADMIN.username, ADMIN.password) } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Fix the login redirect loop");

    // A strict policy with a fresh nonce, which Next put on its scripts.
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("'strict-dynamic'");
    expect(html).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const again = await fetch(`${server.url}/sign-in`);
    expect(/'nonce-([^']+)'/.exec(again.headers.get("content-security-policy")!)?.[1]).not.toBe(nonce);
    const api = await get("/api/tasks?limit=1");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("creates a task over HTTP and still has it after a restart, without migrating or seeding again", async () => {
    const created = await post("/api/tasks", JSON.stringify({ description: "Persist me across a restart, please" }));
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const before = (await get("/api/tasks").then((r) => r.json())).total;

    await server.stop();
    server = await startAppServer({ ...env, SEED_DEMO_DATA: "true", PIPELINE_ENABLED: "false" });
    expect(server.output()).not.toContain("Applied migrations");
    expect(server.output()).not.toContain("demo tasks");

    const again = await get(`/api/tasks/${id}`);
    expect(again.status).toBe(200);
    expect((await again.json()).events.map((e: { type: string }) => e.type)).toEqual(["created"]);
    expect((await get("/api/tasks").then((r) => r.json())).total).toBe(before);
  });

  // A connect storm (every client after a deploy) must queue, not lose SYNs to a full accept queue.
  it("listens with an accept queue of 4,096 connections (or the kernel's cap)", () => {
    const cap = Number(readFileSync("/proc/sys/net/core/somaxconn", "utf8"));
    const port = new URL(server.url).port;
    const [listening] = execFileSync("ss", ["-ltnH", `sport = :${port}`]).toString().trim().split("\n");
    expect(Number(listening!.trim().split(/\s+/)[2])).toBe(Math.min(4096, cap)); // LISTEN Recv-Q Send-Q(= backlog) …
  });

  it("answers errors in the one JSON shape over the wire", async () => {
    const bad = await post("/api/tasks", "{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "invalid_json", message: expect.any(String) } });

    const huge = await post("/api/tasks", JSON.stringify({ description: "x".repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("payload_too_large");

    // PostgreSQL's text cannot hold a NUL character: refused with the field, not a 500 from the database.
    const nul = await post("/api/tasks", JSON.stringify({ description: "Fix the \u0000 in the login page, please" }));
    expect(nul.status).toBe(400);
    expect((await nul.json()).error).toMatchObject({ code: "validation_failed", details: [{ path: "description" }] });
    // Not UTF-8 once decoded: Next answered a plain-text 500 before any handler of ours ran.
    const badPath = await get("/api/tasks/%ED%A0%80");
    expect(badPath.status).toBe(400);
    expect((await badPath.json()).error.code).toBe("validation_failed");
    const nulQuery = await get("/api/tasks?q=%00login");
    expect(nulQuery.status).toBe(400);
    expect((await nulQuery.json()).error).toMatchObject({ code: "validation_failed", details: [{ path: "q" }] });
  });

  it("refuses to start with a bad environment, naming every problem in one error and no secret value", async () => {
    const db = await makeAppDatabase();
    try {
      const start = startAppServer(
        { ...db.env, BETTER_AUTH_SECRET: undefined, STREAM_HEARTBEAT_MS: "often", LOG_LEVEL: "loud", METRICS_TOKEN: "hunter2", REDIS_URL: "http://cache:6379" },
        { timeoutMs: 30_000 },
      );
      const failure = await start.then(() => "", (error: Error) => error.message);
      expect(failure).toMatch(/exited with 1[\s\S]*Conduit cannot start[\s\S]*Invalid environment \(5 problems\)/);
      for (const name of ["BETTER_AUTH_SECRET: Required in production", "STREAM_HEARTBEAT_MS", "LOG_LEVEL", "METRICS_TOKEN", "REDIS_URL"]) {
        expect(failure).toContain(name);
      }
      expect(failure).not.toContain("hunter2");
    } finally {
      await db.cleanup();
    }
  });

  it("takes its port from a .env file where it runs, as .env.example says, and starts on the built config without Next's warning", async () => {
    // A folder of the app's own (its files linked in) whose .env the helper gives PORT, without -p.
    const folder = await mkdtemp(path.join(os.tmpdir(), "conduit-dotenv-"));
    for (const entry of [".next", "node_modules", "lib", "prisma", "package.json"]) await symlink(path.resolve(entry), path.join(folder, entry));
    const db = await makeAppDatabase();
    try {
      const started = await startAppServer(db.env, { folder });
      await started.stop();
      expect(started.output()).toContain(`Conduit ready on http://127.0.0.1:${new URL(started.url).port}`);
      expect(started.output()).not.toContain("does not work with");
    } finally {
      await db.cleanup();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith("conduit.session_token="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/i); // APP_URL is plain http here; https gets Secure (tests/integration/auth.test.ts)
  });
});
