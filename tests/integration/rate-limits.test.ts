// Abuse limits through the real handlers: over the limit, 429 in the one error
// shape with Retry-After, and nothing written. (Stream limits: tests/e2e/stream-limits.test.ts;
// shared across instances: the PostgreSQL run of this file, whose counts live in the database.)
import { describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { POST as createRoute } from "@/app/api/tasks/route";
import { callRoute } from "../helpers/call-route";
import { countRows } from "../helpers/task-fixtures";
import { getPrisma } from "@/lib/db/prisma";
import { usingPostgres, withTestDatabase } from "../helpers/test-database";
import { testUser } from "../helpers/test-users";

withTestDatabase();

describe("rate limits", () => {
  it("lets a person create 10 tasks a minute, then answers 429 with Retry-After and writes nothing; others are not affected", async () => {
    const busy = await testUser("busy");
    const create = (as: typeof busy) => callRoute(createRoute, "POST", "/api/tasks", { as, body: { description: "One of many tasks in a minute" } });
    for (let i = 0; i < 10; i++) expect((await create(busy)).status).toBe(201);
    const before = await countRows();
    const refused = await create(busy);
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatchObject({ code: "rate_limited", message: expect.stringContaining("per minute (10)") });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await countRows()).toEqual(before);
    expect((await create(await testUser("calm"))).status).toBe(201);
    // On PostgreSQL the counts live in the database, where every instance sees them.
    if (usingPostgres) expect(await getPrisma().rateLimit.count({ where: { key: `createTask:${busy.id}` } })).toBe(1);
  });

  it("does not count invalid input against the limit", async () => {
    const sloppy = await testUser("sloppy");
    for (let i = 0; i < 12; i++) {
      expect((await callRoute(createRoute, "POST", "/api/tasks", { as: sloppy, body: { description: "short" } })).status).toBe(400);
    }
    expect((await callRoute(createRoute, "POST", "/api/tasks", { as: sloppy, body: { description: "Valid after all those typos" } })).status).toBe(201);
  });

  it("limits sign-in attempts per client address", async () => {
    const attempt = (ip: string) =>
      callRoute(authRoute.POST, "POST", "/api/auth/sign-in/username", {
        as: null,
        body: { username: "nobody", password: "wrong-password-1" },
        headers: { origin: "http://conduit.test", "x-forwarded-for": `${ip}, 10.0.0.1` },
      });
    for (let i = 0; i < 10; i++) expect((await attempt("203.0.113.7")).status).toBe(401);
    const refused = await attempt("203.0.113.7");
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect((await attempt("198.51.100.2")).status).toBe(401); // another address
  });
});
