// The live stream over real HTTP against the production build, read by a real
// SSE client: through our Node server (npm start, Node's response) and through
// `next start` (the route handler's ReadableStream, as on Vercel), which must
// behave the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, bearer } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { connectStream, eventually, type StreamClient } from "../helpers/sse-client";
import { usingPostgres } from "../helpers/test-database";

const STREAM_ENV = { STREAM_HEARTBEAT_MS: "300", STREAM_LIFETIME_MS: "2500", SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false" };

describe.each(["serve", "next-start"] as const)(`the event stream (${usingPostgres ? "PostgreSQL" : "PGlite"}, via %s)`, (via) => {
  let server: AppServer;
  let cleanup: () => Promise<void>;
  let api: ReturnType<typeof apiClient>;
  const clients: StreamClient[] = [];
  const open = (...args: Parameters<typeof connectStream>) => {
    const client = connectStream(...args);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const db = await makeAppDatabase();
    cleanup = db.cleanup;
    server = await startAppServer({ ...db.env, ...STREAM_ENV }, { via });
    api = apiClient(server);
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    await cleanup?.();
  });

  it("opens with the SSE headers, a retry hint at once, ready with an id, then the state of each topic", async () => {
    const task = await api.createTask("Initial state should include this task");
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/stream?topic=dashboard&topic=task:${task.id}`, {
      headers: { "accept-encoding": "gzip, br", ...bearer(server.key) },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("content-encoding")).toBeNull();

    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: task:state")) text += decoder.decode((await reader.read()).value);
    controller.abort();
    expect(text.startsWith("retry: ")).toBe(true);
    expect(text).toMatch(/event: ready\ndata: \{"connectionId":"[0-9a-f-]{36}","lastEventId":"(\d+)"\}\nid: \d+\n\n/);
    expect(text.indexOf("event: ready")).toBeLessThan(text.indexOf("event: dashboard:state"));
    expect(text).toContain(task.id);
  });

  it("refuses a stream to a deleted API key at once, though the key opened one a moment before", async () => {
    const created = await api.call("POST", "/api/keys", { name: "short-lived" });
    expect(created.status).toBe(201);
    const { key, id } = created.json as { key: string; id: string };
    const openWith = async () => {
      const controller = new AbortController();
      const res = await fetch(`${server.url}/api/stream?topic=dashboard`, { headers: bearer(key), signal: controller.signal });
      controller.abort();
      return res.status;
    };
    expect(await openWith()).toBe(200); // the stream's server now remembers the key (lib/auth/api-keys.ts)
    expect((await api.call("DELETE", `/api/keys/${id}`)).status).toBe(204);
    expect(await openWith()).toBe(401);
  });

  it("delivers live events in commit order, with the id only on the last message of each group", async () => {
    const dashboard = open(server, ["dashboard"]);
    await dashboard.waitFor((m) => m.event === "dashboard:state", "dashboard:state");
    const created: string[] = [];
    for (let i = 0; i < 10; i++) created.push((await api.createTask(`Live ordering task number ${i}`)).id);
    await dashboard.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === created.at(-1), "last task");
    const updates = dashboard.of("dashboard:task_list_updated");
    expect(updates.map((m) => m.data.taskId)).toEqual(created);
    const ids = updates.map((m) => BigInt(m.lastEventId));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);

    // A connection on both the task and the dashboard gets the task messages
    // first; only the group's last message carries the id.
    const target = await api.createTask("Cancel me while two topics watch");
    const both = open(server, ["dashboard", `task:${target.id}`]);
    await both.waitFor((m) => m.event === "task:state", "task:state");
    await api.call("DELETE", `/api/tasks/${target.id}`);
    const last = await both.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.status === "cancelled", "cancel on dashboard");
    const end = both.messages.indexOf(last);
    const group = both.messages.slice(end - 2, end + 1);
    expect(group.map((m) => m.event)).toEqual(["task:status_changed", "task:event_added", "dashboard:task_list_updated"]);
    expect(group[0]!.data).toMatchObject({ status: "cancelled", previousStatus: "received", version: 2 });
    // The earlier messages of the group still carried the previous id.
    expect(group[0]!.lastEventId).not.toBe(last.lastEventId);
    expect(group[1]!.data.event.id).toBe(last.lastEventId);
    await both.waitFor((m) => m.event === "dashboard:task_count_changed", "counts");
  });

  it("joins and leaves topics on an open connection", async () => {
    const [a, b] = [await api.createTask("Join me on a live stream"), await api.createTask("Keep me on a live stream")];
    const client = open(server, [`task:${b.id}`]);
    const connectionId = await client.connectionId();

    const joined = await api.call("POST", `/api/stream/${connectionId}/topics`, { add: [`task:${a.id}`] });
    expect(joined.status).toBe(200);
    expect(joined.json.topics.sort()).toEqual([`task:${a.id}`, `task:${b.id}`].sort());
    await client.waitFor((m) => m.event === "task:state" && m.data.task.id === a.id, "task:state of the joined task");

    const left = await api.call("POST", `/api/stream/${connectionId}/topics`, { remove: [`task:${a.id}`] });
    expect(left.json.topics).toEqual([`task:${b.id}`]);
    await api.call("DELETE", `/api/tasks/${a.id}`); // after leaving: must not arrive
    await api.call("DELETE", `/api/tasks/${b.id}`); // later in commit order: must arrive
    await client.waitFor((m) => m.event === "task:status_changed" && m.data.taskId === b.id, "b cancelled");
    expect(client.messages.some((m) => m.event === "task:status_changed" && m.data.taskId === a.id)).toBe(false);

    const unknown = await api.call("POST", "/api/stream/00000000-0000-4000-8000-000000000000/topics", { add: ["dashboard"] });
    expect(unknown.status).toBe(404);
    const invalid = await api.call("POST", `/api/stream/${connectionId}/topics`, { add: ["tasks:everything"] });
    expect(invalid.status).toBe(400);
  });

  it("resumes after a forced disconnect with no gap and no duplicate while four writers append", async () => {
    const first = open(server, ["dashboard"]);
    await first.waitFor((m) => m.event === "dashboard:state", "dashboard:state");
    const created: string[] = [];
    let cut: (() => void) | undefined;
    const halfway = new Promise<void>((resolve) => (cut = resolve));
    const writer = async (w: number) => {
      for (let i = 0; i < 12; i++) {
        created.push((await api.createTask(`Writer ${w} task ${i} for the resume test`)).id);
        if (created.length === 20) cut!();
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));

    await halfway;
    first.close();
    const seenBefore = first.of("dashboard:task_list_updated");
    const resumeFrom = first.messages.at(-1)!.lastEventId;
    // Let events pile up while disconnected, so the resume has to replay them.
    await eventually(async () => (created.length >= 28 ? true : undefined), "writes while disconnected");
    const second = open(server, ["dashboard"], { lastEventId: resumeFrom });
    await writers;
    const lastTask = (await api.call("GET", "/api/tasks?limit=1")).json;
    await second.waitFor((m) => BigInt(m.lastEventId || 0) >= BigInt(lastTask.lastEventId), "the newest event");

    const seen = [...seenBefore, ...second.of("dashboard:task_list_updated")];
    const ids = seen.map((m) => m.lastEventId);
    expect(new Set(ids).size).toBe(ids.length); // no duplicate
    expect(ids.map(BigInt).every((id, i, all) => i === 0 || id > all[i - 1]!)).toBe(true);
    const createdSet = new Set(created);
    expect(seen.filter((m) => createdSet.has(m.data.taskId)).map((m) => m.data.taskId).sort()).toEqual([...created].sort()); // no gap
    expect(second.of("ready")[0]!.data.lastEventId).toBe(resumeFrom);
    expect(second.of("dashboard:state")).toHaveLength(0); // a replay, not a fresh start
  });

  it("sends heartbeat comments while idle", async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/stream?topic=task:00000000-0000-4000-8000-000000000000`, { headers: bearer(server.key), signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes(": heartbeat")) text += decoder.decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain(": heartbeat\n\n");
  });

  it("ends streams after their lifetime and the client resumes seamlessly by id", async () => {
    const client = open(server, ["dashboard"]);
    await client.waitFor((m) => m.event === "ready", "ready");
    const created: string[] = [];
    // Keep writing until the client has been through at least one lifetime expiry.
    while (client.of("ready").length < 2) {
      created.push((await api.createTask(`Lifetime test task ${created.length}`)).id);
    }
    for (let i = 0; i < 3; i++) created.push((await api.createTask(`Lifetime test task after reconnect ${i}`)).id);
    await client.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === created.at(-1), "last task");
    const seen = client.of("dashboard:task_list_updated").map((m) => m.data.taskId);
    expect(seen).toEqual(created);
    expect(client.opens).toBeGreaterThanOrEqual(2);
    expect(client.of("dashboard:state")).toHaveLength(1); // resumed, not restarted
  });

  it("counts connections in /api/health and returns to zero after the clients leave", async () => {
    for (const c of clients.splice(0)) c.close();
    const extra = [0, 1, 2].map(() => open(server, ["dashboard"]));
    await Promise.all(extra.map((c) => c.connectionId()));
    expect((await api.health()).stream.connections).toBeGreaterThanOrEqual(3);
    for (const c of clients.splice(0)) c.close();
    await eventually(async () => ((await api.health()).stream.connections === 0 ? true : undefined), "zero connections");
  });
});
