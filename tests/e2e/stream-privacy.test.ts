// Per-user authorization on the stream: a private task's events never reach
// someone who may not see it, live or in a replay, and a task made private
// mid-stream is revoked from other viewers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMember } from "../helpers/accounts";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { connectStream } from "../helpers/sse-client";
import { usingPostgres } from "../helpers/test-database";

describe(`private tasks on the stream (${usingPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  let server: AppServer;
  let cleanup: () => Promise<void>;
  let alice: { key: string };
  let bob: { key: string };

  beforeAll(async () => {
    const db = await makeAppDatabase();
    cleanup = db.cleanup;
    server = await startAppServer({ ...db.env, SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false" });
    alice = await createMember(server.url, server.key, "alice");
    bob = await createMember(server.url, server.key, "bob");
  });

  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });

  it("moves another member's counts when a task is made private, and back when it is made public", async () => {
    const asAlice = apiClient({ url: server.url, key: alice.key });
    const asBob = apiClient({ url: server.url, key: bob.key });
    const task = await asAlice.createTask("Counted for Bob until it goes private");
    const { counts, lastEventId } = (await asBob.call("GET", "/api/tasks?limit=1")).json;
    const bobStream = connectStream({ url: server.url, key: bob.key }, ["dashboard"], { lastEventId });
    try {
      await bobStream.connectionId();
      await asAlice.call("PATCH", `/api/tasks/${task.id}`, { isPrivate: true });
      const hidden = await bobStream.waitFor((m) => m.event === "dashboard:task_count_changed", "Bob's counts without the task");
      expect(hidden.data).toEqual({ ...counts, active: counts.active - 1 });

      await asAlice.call("PATCH", `/api/tasks/${task.id}`, { isPrivate: false });
      const shown = await bobStream.waitFor(
        (m) => m.event === "dashboard:task_count_changed" && m.data.active === counts.active,
        "Bob's counts with the task again",
      );
      expect(shown.data).toEqual(counts);
    } finally {
      bobStream.close();
    }
  });

  it("never sends another member a private task's events, and revokes a task made private mid-stream", async () => {
    const asAlice = apiClient({ url: server.url, key: alice.key });
    const start = (await apiClient({ url: server.url, key: bob.key }).call("GET", "/api/tasks?limit=1")).json.lastEventId as string;
    const shared = await asAlice.createTask("Shared from the start, made private later");
    const bobStream = connectStream({ url: server.url, key: bob.key }, ["dashboard", `task:${shared.id}`], { lastEventId: start });
    const adminStream = connectStream(server, ["dashboard"], { lastEventId: start });
    try {
      await bobStream.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === shared.id, "the shared task");

      const secret = await asAlice.createTask("Private from the start: payroll numbers", { isPrivate: true });
      await asAlice.call("PATCH", `/api/tasks/${shared.id}`, { isPrivate: true });
      await asAlice.call("DELETE", `/api/tasks/${shared.id}`); // a change after the revoke
      const sentinel = await asAlice.createTask("Public again: everyone sees this one");

      await bobStream.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === sentinel.id, "the sentinel");
      await adminStream.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === sentinel.id, "the sentinel (admin)");
      const mentions = (id: string) => bobStream.messages.filter((m) => JSON.stringify(m.data).includes(id));

      expect(mentions(secret.id)).toEqual([]);
      const revoked = bobStream.of("task:revoked");
      expect(revoked.map((m) => m.data)).toEqual([{ taskId: shared.id }]);
      // Nothing about the shared task after its revoke: not the cancel, not its timeline.
      const afterRevoke = bobStream.messages.slice(bobStream.messages.indexOf(revoked[0]!) + 1);
      expect(afterRevoke.filter((m) => JSON.stringify(m.data).includes(shared.id))).toEqual([]);
      // The admin saw all of it.
      expect(adminStream.messages.some((m) => m.data.taskId === secret.id)).toBe(true);
      expect(adminStream.messages.some((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === shared.id && m.data.status === "cancelled")).toBe(true);
      expect(adminStream.of("task:revoked")).toEqual([]);

      // A replay from the same point tells Bob the same: the revoke, never the secret.
      const replay = connectStream({ url: server.url, key: bob.key }, ["dashboard"], { lastEventId: start });
      try {
        await replay.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.taskId === sentinel.id, "the sentinel in the replay");
        expect(replay.messages.filter((m) => JSON.stringify(m.data).includes(secret.id))).toEqual([]);
        expect(replay.of("task:revoked").map((m) => m.data)).toEqual([{ taskId: shared.id }]);
      } finally {
        replay.close();
      }

      // Bob cannot join the secret's topic either: no state, and the API says it does not exist.
      const connectionId = await bobStream.connectionId();
      const joined = await apiClient({ url: server.url, key: bob.key }).call("POST", `/api/stream/${connectionId}/topics`, { add: [`task:${secret.id}`] });
      expect(joined.status).toBe(200);
      expect((await apiClient({ url: server.url, key: bob.key }).call("GET", `/api/tasks/${secret.id}`)).status).toBe(404);
      const last = await asAlice.createTask("One more public task, after the join");
      await bobStream.waitFor((m) => m.data.taskId === last.id, "the last public task");
      expect(mentions(secret.id)).toEqual([]);
    } finally {
      bobStream.close();
      adminStream.close();
    }
  });
});
