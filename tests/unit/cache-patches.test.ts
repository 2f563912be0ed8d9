import { describe, expect, it } from "vitest";
import { patchCounts, patchTaskDetails, patchTaskEvents, patchTaskList, patchTaskPr, patchTaskStatus, replaceTask } from "@/lib/client/cache-patches";
import type { TaskListItem, TaskListResponse, TaskWithEvents } from "@/lib/shared/task-dto";

const ID = "0193a6d2-7c4e-7000-8000-00000000000a";
const creator = { id: "u1", login: "maria", name: "Maria", avatarUrl: null };
const item = (over: Partial<TaskListItem> = {}): TaskListItem => ({
  id: ID, title: "Fix the loop", status: "dispatched", source: "api", repo: "acme/web", priority: "normal", isPrivate: false,
  taskType: "bug-fix", agent: "copilot", creator, githubIssueNumber: 3, githubIssueUrl: null, githubPrNumber: null, githubPrUrl: null,
  githubPrStatus: null, errorMessage: null, createdAt: "2026-11-26T10:00:00.000Z", updatedAt: "2026-11-26T10:00:00.000Z", version: 4, ...over,
});
const task = (over: Partial<TaskWithEvents> = {}): TaskWithEvents => ({
  ...item(), description: "Fix the loop", taskTypeHint: null, filesHint: [], acceptanceCriteria: null, llmSummary: null,
  recommendedAgent: "copilot", agentOverride: null, likelyFiles: [], suggestedCriteria: [], clarificationQuestions: [],
  clarificationAnswers: [], isClarified: false, githubBranch: null, mergeCommitSha: null, dispatchedAt: null, completedAt: null,
  events: [{ id: "10", type: "created", payload: {}, createdAt: "2026-11-26T10:00:00.000Z" }], lastEventId: "10", ...over,
});
const update = (over: Partial<TaskListItem> = {}) => {
  const { id, ...rest } = item(over);
  return { taskId: id, ...rest };
};
const list = (tasks: TaskListItem[], over: Partial<TaskListResponse> = {}): TaskListResponse => ({
  tasks, total: tasks.length, page: 1, limit: 3, counts: { active: 1, completed: 0, failed: 0 }, lastEventId: "10", ...over,
});

describe("task page patches", () => {
  it("applies a newer or same-version status change and ignores an older one", () => {
    const changed = patchTaskStatus(task(), { taskId: ID, status: "coding", previousStatus: "dispatched", version: 5 });
    expect(changed).toMatchObject({ status: "coding", version: 5 });
    expect(patchTaskStatus(changed, { taskId: ID, status: "coding", previousStatus: "dispatched", version: 5 })).toEqual(changed);
    expect(patchTaskStatus(changed, { taskId: ID, status: "dispatched", previousStatus: "analyzing", version: 3 })).toBe(changed);
  });

  it("fills PR fields from a same-version pr_updated after its status change", () => {
    const merged = patchTaskStatus(task(), { taskId: ID, status: "merged", previousStatus: "pr_open", version: 7, prNumber: 9 });
    const withPr = patchTaskPr(merged, { taskId: ID, version: 7, prNumber: 9, prUrl: "u", prStatus: "merged", mergeCommitSha: "abc" });
    expect(withPr).toMatchObject({ githubPrStatus: "merged", mergeCommitSha: "abc", githubPrNumber: 9 });
  });

  it("adds timeline events once, in id order", () => {
    const e = (id: string) => ({ taskId: ID, version: 6, event: { id, type: "pr_updated", payload: {}, createdAt: "2026-11-26T10:01:00.000Z" } });
    const once = patchTaskEvents(task(), e("12"));
    expect(patchTaskEvents(once, e("12"))).toBe(once);
    expect(patchTaskEvents(once, e("11"))!.events.map((x) => x.id)).toEqual(["10", "11", "12"]);
  });

  it("takes the changeable fields from task:updated but keeps the timeline, the submitted text and a newer cache", () => {
    const details = { ...item({ version: 6, title: "Redirect loop on sign-in" }), llmSummary: "Redirect loop on sign-in", agentOverride: "codex" as const };
    const patched = patchTaskDetails(task(), { taskId: ID, version: 6, task: details });
    expect(patched).toMatchObject({ version: 6, title: "Redirect loop on sign-in", agentOverride: "codex", description: "Fix the loop", lastEventId: "10" });
    expect(patched!.events).toHaveLength(1);
    const newer = task({ version: 9 });
    expect(patchTaskDetails(newer, { taskId: ID, version: 6, task: details })).toBe(newer);
  });

  it("keeps a newer cache over an older snapshot", () => {
    const newer = task({ version: 9 });
    expect(replaceTask(newer, task({ version: 8 }))).toBe(newer);
    expect(replaceTask(task({ version: 8 }), newer)).toBe(newer);
  });

  it("ignores messages for another task and an empty cache", () => {
    expect(patchTaskStatus(undefined, { taskId: ID, status: "coding", previousStatus: "dispatched", version: 5 })).toBeUndefined();
    const other = task({ id: "other" });
    expect(patchTaskStatus(other, { taskId: ID, status: "coding", previousStatus: "dispatched", version: 5 })).toBe(other);
  });
});

describe("dashboard list patches", () => {
  const older = item({ id: "b", createdAt: "2026-11-26T09:00:00.000Z" });

  it("puts a new task at the top of page 1 and counts it", () => {
    const next = patchTaskList(list([item(), older]), update({ id: "n", createdAt: "2026-11-26T11:00:00.000Z", version: 1 }), {}, "u1");
    expect(next!.tasks.map((t) => t.id)).toEqual(["n", ID, "b"]);
    expect(next!.total).toBe(3);
  });

  it("replaces a row with a newer version, keeps it against an older one", () => {
    const current = list([item({ version: 6, status: "pr_open" })]);
    expect(patchTaskList(current, update({ version: 7, status: "merged" }), {}, null)!.tasks[0]!.status).toBe("merged");
    expect(patchTaskList(current, update({ version: 5, status: "coding" }), {}, null)).toBe(current);
  });

  it("removes a row that leaves the filtered statuses, and lets one in that enters them", () => {
    const active = list([item({ status: "pr_open", version: 6 }), older], { total: 2 });
    const left = patchTaskList(active, update({ status: "merged", version: 7 }), { status: ["pr_open", "coding"] }, null);
    expect(left!.tasks.map((t) => t.id)).toEqual(["b"]);
    expect(left!.total).toBe(1);
    const entered = patchTaskList(list([older]), update({ status: "failed", version: 8 }), { status: ["failed"] }, null);
    expect(entered!.tasks.map((t) => t.id)).toEqual([ID, "b"]);
  });

  it("does not insert an update of an older task that was simply off the page", () => {
    const page = list([item({ id: "x", createdAt: "2026-11-26T12:00:00.000Z" })]);
    expect(patchTaskList(page, update({ version: 5 }), {}, null)).toBe(page);
  });

  it("respects mine, repo and creator filters", () => {
    expect(patchTaskList(list([]), update({ version: 1 }), { mine: true }, "someone-else")!.tasks).toHaveLength(0);
    expect(patchTaskList(list([]), update({ version: 1 }), { repo: "ACME/web" }, null)!.tasks).toHaveLength(1);
    expect(patchTaskList(list([]), update({ version: 1 }), { creator: "devon" }, null)!.tasks).toHaveLength(0);
  });

  it("drops the toast notice from the row it stores", () => {
    const next = patchTaskList(list([item()]), { ...update({ version: 5 }), notice: "pr_ready" }, {}, null);
    expect(next!.tasks[0]).not.toHaveProperty("notice");
  });

  it("replaces the counts", () => {
    expect(patchCounts(list([]), { active: 4, completed: 2, failed: 1 })!.counts).toEqual({ active: 4, completed: 2, failed: 1 });
  });
});
