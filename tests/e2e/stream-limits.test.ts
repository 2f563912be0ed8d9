// Where the stream cannot promise continuity it says so (`resync`), and a
// client too slow to read is dropped before it costs unbounded memory.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, bearer } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { connectStream, eventually } from "../helpers/sse-client";
import { usingPostgres } from "../helpers/test-database";

describe(`stream limits (${usingPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  let server: AppServer;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    const db = await makeAppDatabase();
    cleanup = db.cleanup;
    server = await startAppServer({
      ...db.env,
      SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false",
      EVENT_RETENTION_SECONDS: "1",
      STREAM_REPLAY_MAX: "100",
      STREAM_QUEUE_BYTES: "65536",
    });
    api = apiClient(server);
  });

  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });

  const newestId = async () => (await api.call("GET", "/api/tasks?limit=1")).json.lastEventId as string;

  it("answers a resume point older than the retention with resync, then goes live", async () => {
    const resumeFrom = await newestId();
    const missed = await api.createTask("Written while the client was away too long");
    const { json } = await api.call("GET", `/api/tasks/${missed.id}`);
    const writtenAt = Date.parse(json.events[0].createdAt);
    await eventually(async () => (Date.now() > writtenAt + 1_100 ? true : undefined), "the event to age past the retention");

    const client = connectStream(server, ["dashboard"], { lastEventId: resumeFrom });
    try {
      const resync = await client.waitFor((m) => m.event === "resync", "resync");
      expect(resync.data).toEqual({ reason: "resume_point_expired", topics: ["dashboard"] });
      expect(client.of("dashboard:task_list_updated")).toHaveLength(0); // nothing replayed
      const live = await api.createTask("After the resync, live again");
      await client.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === live.id, "live event");
    } finally {
      client.close();
    }
  });

  it("answers too many missed events with resync instead of an unbounded replay", async () => {
    const resumeFrom = await newestId();
    for (let i = 0; i < 101; i++) await api.createTask(`Backlog task ${i} while disconnected`);
    const client = connectStream(server, ["dashboard"], { lastEventId: resumeFrom });
    try {
      const resync = await client.waitFor((m) => m.event === "resync", "resync");
      expect(resync.data.reason).toBe("too_many_missed_events");
    } finally {
      client.close();
    }
  });

  it("drops a client that stops reading: resync, then the end of the stream, with bounded server memory", async () => {
    // Big task states: each join of these topics sends about 10 KB per task.
    const big = [];
    for (let i = 0; i < 40; i++) big.push((await api.createTask(`Large task ${i} ${"x".repeat(9_900)}`)).id);
    const topics = big.map((id) => `task:${id}`);
    const before = await api.health();

    const url = new URL("/api/stream", server.url);
    const chunks: Buffer[] = [];
    let ended = false;
    const response = await new Promise<http.IncomingMessage>((resolve) => http.get(url, { headers: bearer(server.key) }, resolve));
    response.on("data", (c: Buffer) => chunks.push(c));
    response.on("end", () => (ended = true));
    response.on("close", () => (ended = true));
    const connectionId = await eventually(async () => {
      const text = Buffer.concat(chunks).toString();
      return /"connectionId":"([^"]+)"/.exec(text)?.[1];
    }, "ready");
    response.pause(); // stop reading: the socket buffers fill, then the server's queue

    let rounds = 0;
    while ((await api.health()).stream.slowConsumersDropped === before.stream.slowConsumersDropped) {
      const joined = await api.call("POST", `/api/stream/${connectionId}/topics`, { add: topics });
      if (joined.status === 404) break; // already dropped between the checks
      await api.call("POST", `/api/stream/${connectionId}/topics`, { remove: topics });
      if (++rounds > 400) throw new Error("the slow client was never dropped");
    }
    const after = await api.health();
    expect(after.stream.slowConsumersDropped).toBe(before.stream.slowConsumersDropped + 1);
    // The server kept only a bounded part of what was offered.
    expect(after.memory.rssBytes - before.memory.rssBytes).toBeLessThan(96 * 1024 * 1024);

    response.resume();
    await eventually(async () => (ended ? true : undefined), "the end of the dropped stream");
    const text = Buffer.concat(chunks).toString();
    expect(text).toContain('event: resync\ndata: {"reason":"slow_consumer"');
    expect((await api.call("POST", `/api/stream/${connectionId}/topics`, { add: ["dashboard"] })).status).toBe(404);
  });

  it("allows 20 open streams per person: the 21st gets 429 until one closes", async () => {
    const controllers: AbortController[] = [];
    const open = async () => {
      const controller = new AbortController();
      const res = await fetch(`${server.url}/api/stream?topic=dashboard`, { headers: bearer(server.key), signal: controller.signal });
      // Read what comes: a stream nobody reads is dropped as a slow consumer
      // once its queue fills (a heartbeat on a slow run), which frees its slot.
      if (res.ok) {
        controllers.push(controller);
        void res.body!.pipeTo(new WritableStream()).catch(() => undefined);
      } else await res.text();
      return res;
    };
    try {
      for (let i = 0; i < 20; i++) expect((await open()).status).toBe(200);
      const refused = await open();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBeTruthy();
      controllers.pop()!.abort();
      await eventually(async () => ((await open()).status === 200 ? true : undefined), "a stream slot given back");
    } finally {
      for (const c of controllers) c.abort();
    }
  });

  it("limits topic changes per connection (429), without closing the stream", async () => {
    const client = connectStream(server, ["dashboard"]);
    try {
      const connectionId = await client.connectionId();
      const statuses: number[] = [];
      for (let i = 0; i < 301; i++) {
        statuses.push((await api.call("POST", `/api/stream/${connectionId}/topics`, { [i % 2 ? "remove" : "add"]: ["task:00000000-0000-4000-8000-000000000001"] })).status);
      }
      expect(statuses.slice(0, 300).every((s) => s === 200)).toBe(true);
      expect(statuses[300]).toBe(429);
      const task = await api.createTask("Still delivered after the topic limit");
      await client.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === task.id, "the stream still live");
    } finally {
      client.close();
    }
  });
});
