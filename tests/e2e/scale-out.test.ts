// Two production server instances on one PostgreSQL database, for each event bus:
// a stream on one instance carries, in order and without gaps, what is written
// through the other; a cut bus loses nothing; a killed instance's clients
// resume on the survivor; the rate limits count across both.
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { startFailoverProxy } from "../helpers/failover-proxy";
import { deliverWebhook, pullRequest, WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { connectStream, eventually, type StreamClient } from "../helpers/sse-client";
import { usingPostgres } from "../helpers/test-database";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Every event id a client saw, in arrival order, strictly increasing and each once. */
function assertOrderedWithoutRepeats(client: StreamClient): void {
  const ids = client.messages.filter((m) => m.event === "dashboard:task_list_updated").map((m) => BigInt(m.lastEventId));
  for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
}

describe.runIf(usingPostgres).each(["postgres", "redis"] as const)("two instances with EVENT_BUS=%s", (bus) => {
  let a: AppServer;
  let b: AppServer;
  let dbUrl: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const db = await makeAppDatabase();
    cleanup = db.cleanup;
    dbUrl = db.env.DATABASE_URL!;
    const env = { ...db.env, EVENT_BUS: bus, REDIS_URL, SEED_DEMO_DATA: "false", GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET };
    a = await startAppServer({ ...env, PIPELINE_ENABLED: "true" }); // A analyses and dispatches too: more writes
    b = await startAppServer({ ...env, PIPELINE_ENABLED: "false" });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await cleanup?.();
  });

  const busUp = async (server: AppServer) => (await apiClient(server).health()).bus.up as boolean;

  it("streams on B, in order and without gaps, what the API and webhooks write through A", async () => {
    await eventually(async () => ((await busUp(a)) && (await busUp(b)) ? true : undefined), "both buses listening");
    const viaA = apiClient(a);
    const onB = connectStream(b, ["dashboard"]);
    try {
      await onB.connectionId();
      // Three writers at once through A.
      const created = (await Promise.all([0, 1, 2].map(async (w) => {
        const ids: string[] = [];
        for (let i = 0; i < 8; i++) ids.push((await viaA.createTask(`Writer ${w} task ${i} through instance A`)).id);
        return ids;
      }))).flat();
      // A webhook through A: once A's pipeline has dispatched a clear task, its pull request opens.
      const clear = await viaA.createTask("Fix the redirect loop in src/auth/login.ts: after sign-in people land on /billing instead of the page they came from.", {
        type: "bug-fix",
        files: ["src/auth/login.ts"],
        acceptanceCriteria: "Signing in from /pricing returns to /pricing",
      });
      await eventually(async () => ((await viaA.call("GET", `/api/tasks/${clear.id}`)).json.status === "dispatched" ? true : undefined), "dispatch on A", 30_000);
      const opened = pullRequest("opened", "conduit-demo/sandbox", { number: 77, body: `Fixes it.\n<!-- conduit-task: ${clear.id} -->` });
      expect(await deliverWebhook(a.url, "pull_request", opened)).toBe(200);
      await onB.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === clear.id && m.data.status === "pr_open", "the webhook's change on B");

      for (const id of created) await onB.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === id, `task ${id} on B`);
      assertOrderedWithoutRepeats(onB);
      expect(new Set(onB.of("dashboard:task_list_updated").map((m) => m.data.taskId))).toEqual(new Set([...created, clear.id]));
    } finally {
      onB.close();
    }
  });

  it("loses nothing when the bus connection is cut mid-run: B polls, says degraded, and listens again", async () => {
    const viaA = apiClient(a);
    const onB = connectStream(b, ["dashboard"]);
    try {
      await onB.connectionId();
      const before = [await viaA.createTask("Before the bus is cut")];
      await cutBus();
      const during: string[] = [];
      for (let i = 0; i < 5; i++) during.push((await viaA.createTask(`While the bus is down ${i}`)).id);
      for (const id of [...before.map((t) => t.id), ...during]) {
        await onB.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === id, `task ${id} on B`);
      }
      await eventually(async () => ((await busUp(a)) && (await busUp(b)) ? true : undefined), "both buses listening again", 20_000);
      const after = await viaA.createTask("After the bus is back");
      await onB.waitFor((m) => m.data.taskId === after.id, "the task after the bus is back");
      assertOrderedWithoutRepeats(onB);
    } finally {
      onB.close();
    }
  });

  it("moves B's clients to A when B is killed, resuming by id without a gap", async () => {
    const front = await startFailoverProxy([Number(new URL(b.url).port), Number(new URL(a.url).port)]);
    const viaA = apiClient(a);
    const client = connectStream({ url: front.url, key: b.key }, ["dashboard"]);
    try {
      await client.connectionId();
      const first = await viaA.createTask("Seen through B");
      await client.waitFor((m) => m.data.taskId === first.id, "the first task through B");
      await b.kill();
      const missed: string[] = [];
      for (let i = 0; i < 5; i++) missed.push((await viaA.createTask(`Written while B is dead ${i}`)).id);
      for (const id of missed) await client.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === id, `task ${id} after failover`, 15_000);
      expect(client.opens).toBeGreaterThanOrEqual(2);
      assertOrderedWithoutRepeats(client);
    } finally {
      client.close();
      await front.close();
    }
  });

  it("counts sign-in attempts across both instances", async () => {
    const attempt = (server: AppServer) =>
      fetch(`${server.url}/api/auth/sign-in/username`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": `198.51.100.${bus === "redis" ? 9 : 8}` },
        body: JSON.stringify({ username: "nobody", password: "wrong-password" }),
      }).then((r) => r.status);
    // B is dead by now: a third instance joins the same database.
    const c = await startAppServer({ DATABASE_URL: dbUrl, EVENT_BUS: bus, REDIS_URL, SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push(await attempt(i % 2 ? a : c));
      expect(statuses.every((s) => s === 401)).toBe(true);
      expect(await attempt(a)).toBe(429);
      expect(await attempt(c)).toBe(429);
    } finally {
      await c.stop();
    }
  });

  async function cutBus(): Promise<void> {
    if (bus === "postgres") {
      const admin = new pg.Client({ connectionString: dbUrl });
      await admin.connect();
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'conduit-event-bus' AND datname = current_database()",
      );
      await admin.end();
      expect(rowCount).toBe(2); // one listener per instance
    } else {
      const redis = new Redis(REDIS_URL);
      expect(Number(await redis.client("KILL", "TYPE", "pubsub"))).toBeGreaterThanOrEqual(2); // one subscriber per instance
      redis.disconnect();
    }
  }
});

describe.runIf(usingPostgres)("an instance whose event bus is unreachable", () => {
  it("keeps streams live by polling the event table, and says degraded", async () => {
    const db = await makeAppDatabase();
    // Nothing listens on port 1: both instances' buses stay down.
    const env = { ...db.env, EVENT_BUS: "redis", REDIS_URL: "redis://127.0.0.1:1", SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false" };
    const a = await startAppServer(env);
    const b = await startAppServer(env);
    const onB = connectStream(b, ["dashboard"]);
    try {
      const health = await apiClient(b).health();
      expect(health).toMatchObject({ status: "degraded", bus: { kind: "redis", up: false } });
      expect(health.message).toContain("polls the event table");
      await onB.connectionId();
      const created: string[] = [];
      for (let i = 0; i < 3; i++) created.push((await apiClient(a).createTask(`Found by polling ${i}`)).id);
      for (const id of created) await onB.waitFor((m) => m.data.taskId === id, `task ${id} by polling`, 5_000);
      assertOrderedWithoutRepeats(onB);
    } finally {
      onB.close();
      await a.stop();
      await b.stop();
      await db.cleanup();
    }
  }, 120_000); // two servers start inside the test
});
