import { describe, expect, it } from "vitest";
import { POST as clarifyRoute } from "@/app/api/tasks/[id]/clarify/route";
import { POST as retryRoute } from "@/app/api/tasks/[id]/retry/route";
import { DELETE as cancelRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/tasks/[id]/route";
import { getPrisma } from "@/lib/db/prisma";
import { changeTask, changeTaskIfUnchanged, type TaskFields } from "@/lib/tasks/change-task";
import { findTaskById } from "@/lib/tasks/find-task";
import { toTaskSnapshot } from "@/lib/tasks/task-dto";
import { callRoute } from "../helpers/call-route";
import { countRows, makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

const clarify = (id: string, body: unknown) => callRoute(clarifyRoute, "POST", `/api/tasks/${id}/clarify`, { params: { id }, body });
const retry = (id: string) => callRoute(retryRoute, "POST", `/api/tasks/${id}/retry`, { params: { id } });
const cancel = (id: string) => callRoute(cancelRoute, "DELETE", `/api/tasks/${id}`, { params: { id } });
const patch = (id: string, body: unknown) => callRoute(patchRoute, "PATCH", `/api/tasks/${id}`, { params: { id }, body });
const get = (id: string) => callRoute(getRoute, "GET", `/api/tasks/${id}`, { params: { id } });
const MISSING = "0193a6d2-7c4e-7000-8000-000000000000";

describe("POST /api/tasks/:id/clarify", () => {
  it("stores one answer per question and sends the task back to analysis", async () => {
    const task = await makeTask("needs_clarification");
    const res = await clarify(task.id, { answers: ["The settings page", "Chrome and Safari"] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: "analyzing",
      clarificationAnswers: ["The settings page", "Chrome and Safari"],
      isClarified: true,
      version: task.version + 1,
    });
    const events = (await get(task.id)).json.events;
    expect(events.at(-1)).toMatchObject({
      type: "clarification_received",
      payload: { answers: ["The settings page", "Chrome and Safari"], previousStatus: "needs_clarification", status: "analyzing" },
    });
  });

  it("refuses the wrong number of answers with 400 and changes nothing", async () => {
    const task = await makeTask("needs_clarification");
    const before = await countRows();
    const res = await clarify(task.id, { answers: ["Only one"] });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "answers", message: "Expected 2 answers" }]);
    expect(await countRows()).toEqual(before);
    expect((await get(task.id)).json).toMatchObject({ status: "needs_clarification", version: task.version });
  });

  it("allows one round only: a second set of answers is a 409", async () => {
    const task = await makeTask("needs_clarification");
    await clarify(task.id, { answers: ["a", "b"] });
    await changeTask(task.id, {
      to: "needs_clarification",
      fields: { clarificationQuestions: ["Again?", "Really?"] },
      event: { type: "clarification_sent" },
    });
    // A pipeline bug that asked twice must not get a second round through the API.
    const second = await clarify(task.id, { answers: ["c", "d"] });
    expect(second.status).toBe(409);
  });

  it("answers 409 for a task that is not waiting for answers, 404 for none", async () => {
    const task = await makeTask("received");
    const res = await clarify(task.id, { answers: ["x"] });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain("received");
    expect((await clarify(MISSING, { answers: ["x"] })).status).toBe(404);
  });
});

describe("POST /api/tasks/:id/retry", () => {
  it("moves a failed task back to received and clears the error", async () => {
    const task = await makeTask("failed");
    expect(task.errorMessage).toBe("LLM timed out");
    const res = await retry(task.id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "received", errorMessage: null, completedAt: null });
    expect((await get(task.id)).json.events.at(-1)).toMatchObject({ type: "retried" });
  });

  it("refuses a task that has not failed with 409 naming both states", async () => {
    const task = await makeTask("dispatched");
    const res = await retry(task.id);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/dispatched.*received/);
  });
});

describe("DELETE /api/tasks/:id", () => {
  it.each(["received", "analyzing", "needs_clarification"] as const)("cancels a task in %s", async (status) => {
    const task = await makeTask(status);
    const res = await cancel(task.id);
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("cancelled");
    expect(res.json.completedAt).not.toBeNull();
  });

  it("refuses after dispatch with 409 and writes nothing", async () => {
    const task = await makeTask("dispatched");
    const before = await countRows();
    const res = await cancel(task.id);
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "conflict", details: { from: "dispatched", to: "cancelled" } });
    expect(await countRows()).toEqual(before);
  });

  it("answers 404 for an unknown task", async () => {
    expect((await cancel(MISSING)).status).toBe(404);
  });
});

describe("the write path", () => {
  it("bumps the version once per change and records it on each event, also when changes race", async () => {
    const task = await makeTask("received");
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => changeTask(task.id, { fields: { githubBranch: `b${i}` }, event: { type: "pr_updated" } })),
    );
    const row = await getPrisma().task.findUniqueOrThrow({ where: { id: task.id }, select: { version: true } });
    expect(row.version).toBe(9);
    const events = await getPrisma().taskEvent.findMany({ where: { taskId: task.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.taskVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("rolls the task back when the transition is refused", async () => {
    const task = await makeTask("dispatched");
    await expect(
      changeTask(task.id, { to: "analyzing", fields: { llmSummary: "should not stick" }, event: { type: "analyzing" } }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await get(task.id)).json).toMatchObject({ llmSummary: null, version: task.version });
  });
});

describe("the write path from a task as read (changeTaskIfUnchanged)", () => {
  const toCoding = { to: "coding", fields: { githubBranch: "agent/work" }, event: { type: "agent_started" } } as const;
  const read = async (id: string) => (await findTaskById(id))!;

  it("applies the change when the task is still at the version read, and records it like changeTask", async () => {
    const task = await makeTask("dispatched");
    const { task: changed, event } = await changeTaskIfUnchanged(await read(task.id), toCoding);
    expect(changed).toMatchObject({ status: "coding", githubBranch: "agent/work", version: task.version + 1, creator: task.creator });
    expect(event).toMatchObject({ type: "agent_started", payload: { previousStatus: "dispatched", status: "coding" } });
    const stored = await getPrisma().taskEvent.findFirstOrThrow({ where: { taskId: task.id }, orderBy: { id: "desc" } });
    expect(stored).toMatchObject({ taskVersion: task.version + 1, snapshot: { status: "coding", version: task.version + 1, creator: task.creator } });
  });

  // The task and snapshot are computed from the row read, not read back: they must be what the table now holds.
  it("returns, and snapshots, exactly the task as stored afterwards", async () => {
    // Enum columns Prisma names apart from their stored values (bug_fix / "bug-fix") included.
    const task = await makeTask("dispatched", { type: "bug-fix", files: ["src/login.ts"] });
    const analysed = { recommendedAgent: "claude_code", agentOverride: "codex", taskType: "bug_fix", likelyFiles: ["src/a.ts"] } satisfies TaskFields;
    await changeTask(task.id, { to: "coding", fields: analysed, event: { type: "agent_started" } });
    await changeTask(task.id, { to: "pr_open", fields: { githubPrNumber: 5, githubPrStatus: "open" }, event: { type: "pr_opened" } });
    const merge = { to: "merged", fields: { githubPrStatus: "merged", mergeCommitSha: "abc123", githubPrUpdatedAt: new Date() }, event: { type: "pr_merged" } } as const;
    const { task: changed, event } = await changeTaskIfUnchanged(await read(task.id), merge);
    const { events: _events, lastEventId: _last, ...stored } = (await get(task.id)).json;
    expect(changed).toEqual(stored);
    expect(changed).toMatchObject({ status: "merged", githubPrStatus: "merged", mergeCommitSha: "abc123", completedAt: expect.any(String) });
    const row = await getPrisma().taskEvent.findUniqueOrThrow({ where: { id: BigInt(event.id) } });
    expect(row.snapshot).toEqual(toTaskSnapshot(stored));
  });

  it("refuses with a conflict and writes nothing when the task changed since it was read", async () => {
    const task = await makeTask("dispatched");
    const seen = await read(task.id);
    await changeTask(task.id, { fields: { githubBranch: "someone/else" }, event: { type: "pr_updated" } });
    const before = await countRows();
    await expect(changeTaskIfUnchanged(seen, toCoding)).rejects.toMatchObject({ code: "conflict", message: "The task changed meanwhile" });
    expect(await countRows()).toEqual(before);
    expect((await get(task.id)).json).toMatchObject({ status: "dispatched", githubBranch: "someone/else", version: task.version + 1 });
  });

  it("checks the transition from the status read, and matches on it too", async () => {
    const task = await makeTask("dispatched");
    const seen = await read(task.id);
    const before = await countRows();
    await expect(changeTaskIfUnchanged(seen, { to: "merged", event: { type: "pr_merged" } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("cannot move from dispatched to merged"),
    });
    // coding → pr_open is allowed, but the task is not in coding at that version.
    await expect(changeTaskIfUnchanged({ ...seen, status: "coding" }, { to: "pr_open", event: { type: "pr_opened" } })).rejects.toMatchObject({ code: "conflict" });
    expect(await countRows()).toEqual(before);
    expect((await get(task.id)).json).toMatchObject({ status: "dispatched", version: task.version });
  });

  it("answers not_found for a task that does not exist", async () => {
    const seen = await read((await makeTask("dispatched")).id);
    await expect(changeTaskIfUnchanged({ ...seen, id: MISSING }, toCoding)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lets exactly one of two changes from the same read apply", async () => {
    const task = await makeTask("dispatched");
    const seen = await read(task.id);
    const results = await Promise.allSettled([
      changeTaskIfUnchanged(seen, toCoding),
      changeTaskIfUnchanged(seen, { to: "pr_open", fields: { githubPrNumber: 7 }, event: { type: "pr_opened" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    const events = await getPrisma().taskEvent.findMany({ where: { taskId: task.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.taskVersion)).toEqual([1, 2, 3, 4]);
  });
});

describe("PATCH /api/tasks/:id (choose the agent)", () => {
  it("overrides the recommended agent before dispatch, records it, and goes back with null", async () => {
    const task = await makeTask("needs_clarification");
    const chosen = await patch(task.id, { agent: "codex" });
    expect(chosen.status).toBe(200);
    expect(chosen.json).toMatchObject({ agentOverride: "codex", agent: "codex", status: "needs_clarification", version: task.version + 1 });
    expect((await get(task.id)).json.events.at(-1)).toMatchObject({ type: "agent_chosen", payload: { agent: "codex" } });

    const back = await patch(task.id, { agent: null });
    expect(back.json).toMatchObject({ agentOverride: null, version: task.version + 2 });
  });

  it("answers a change to what the task already is (the same agent, the same privacy) without a new version or event", async () => {
    const task = await makeTask("needs_clarification");
    const chosen = await patch(task.id, { agent: "codex" });
    const before = await countRows();
    for (const body of [{ agent: "codex" }, { isPrivate: false }, { agent: "codex", isPrivate: false }]) {
      const again = await patch(task.id, body);
      expect(again.status).toBe(200);
      expect(again.json).toEqual(chosen.json);
    }
    expect(await countRows()).toEqual(before);
    // Back to the recommended agent is a change again, then a no-op once more.
    expect((await patch(task.id, { agent: null })).json.version).toBe(chosen.json.version + 1);
    expect((await patch(task.id, { agent: null })).json.version).toBe(chosen.json.version + 1);
    expect((await patch(task.id, { isPrivate: true })).json).toMatchObject({ isPrivate: true, version: chosen.json.version + 2 });
  });

  it("changes the agent and the privacy together, each with its version and event, or neither", async () => {
    const task = await makeTask("needs_clarification");
    const both = await patch(task.id, { agent: "codex", isPrivate: true });
    expect(both.status).toBe(200);
    expect(both.json).toMatchObject({ agentOverride: "codex", isPrivate: true, version: task.version + 2 });
    const events = await getPrisma().taskEvent.findMany({ where: { taskId: task.id }, orderBy: { id: "asc" } });
    expect(events.slice(-2).map((e) => [e.type, e.taskVersion])).toEqual([
      ["agent_chosen", task.version + 1],
      ["visibility_changed", task.version + 2],
    ]);

    // The privacy's event fails to be written (a constraint added for the test): the agent's change goes back with it.
    const other = await makeTask("needs_clarification");
    const before = await countRows();
    const refuse = "ALTER TABLE task_events ADD CONSTRAINT test_no_visibility CHECK (type <> 'visibility_changed') NOT VALID";
    await getPrisma().$executeRawUnsafe(refuse);
    try {
      expect((await patch(other.id, { agent: "codex", isPrivate: true })).status).toBe(500);
    } finally {
      await getPrisma().$executeRawUnsafe("ALTER TABLE task_events DROP CONSTRAINT test_no_visibility");
    }
    expect(await countRows()).toEqual(before);
    expect((await get(other.id)).json).toMatchObject({ agentOverride: null, isPrivate: false, version: other.version });
  });

  it("allows a failed task without an issue, refuses once the issue exists (409), writing nothing", async () => {
    const failedEarly = await makeTask("failed");
    expect((await patch(failedEarly.id, { agent: "copilot" })).status).toBe(200);
    const dispatched = await makeTask("dispatched");
    const failedLate = (await changeTask((await makeTask("dispatched")).id, { to: "failed", event: { type: "failed" } })).task;
    for (const task of [dispatched, failedLate]) {
      const before = await countRows();
      const res = await patch(task.id, { agent: "copilot" });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("conflict");
      expect(await countRows()).toEqual(before);
    }
  });

  it("refuses an unknown agent or field with 400 and the field name, and an unknown task with 404", async () => {
    const task = await makeTask("received");
    const before = await countRows();
    const bad = await patch(task.id, { agent: "gpt-engineer" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual([{ path: "agent", message: expect.stringContaining("claude-code") }]);
    expect((await patch(task.id, { agent: "codex", status: "merged" })).status).toBe(400);
    expect(await countRows()).toEqual(before);
    expect((await patch(MISSING, { agent: "codex" })).status).toBe(404);
  });
});
