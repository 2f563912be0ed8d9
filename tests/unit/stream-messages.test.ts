import { describe, expect, it } from "vitest";
import type { StreamEventRow } from "@/lib/events/event-row";
import { MessageGroup } from "@/lib/realtime/stream-messages";
import type { TaskSnapshot } from "@/lib/shared/task-dto";

const TASK = "0193a6d2-7c4e-7000-8000-00000000000a";
const CREATOR = "0193a6d2-7c4e-7000-8000-0000000000c1";

const snapshot = (over: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  id: TASK,
  title: "Fix the redirect loop",
  status: "pr_open",
  source: "api",
  repo: "acme/web",
  priority: "normal",
  isPrivate: false,
  taskType: "bug-fix",
  agent: "copilot",
  creator: { id: CREATOR, login: "maria", name: "Maria", avatarUrl: null },
  githubIssueNumber: 12,
  githubIssueUrl: "https://github.com/acme/web/issues/12",
  githubPrNumber: 14,
  githubPrUrl: "https://github.com/acme/web/pull/14",
  githubPrStatus: "open",
  errorMessage: null,
  createdAt: "2026-11-26T10:00:00.000Z",
  updatedAt: "2026-11-26T10:05:00.000Z",
  version: 6,
  llmSummary: "Fix the redirect loop",
  recommendedAgent: "copilot",
  agentOverride: null,
  likelyFiles: ["src/auth.ts"],
  suggestedCriteria: [],
  clarificationQuestions: [],
  clarificationAnswers: [],
  isClarified: false,
  githubBranch: "copilot/fix-12",
  mergeCommitSha: null,
  dispatchedAt: "2026-11-26T10:01:00.000Z",
  completedAt: null,
  ...over,
});

const row = (over: Partial<StreamEventRow> = {}): StreamEventRow => ({
  id: 41n,
  taskId: TASK,
  type: "pr_opened",
  payload: { previousStatus: "coding", status: "pr_open", prNumber: 14 },
  taskVersion: 6,
  snapshot: snapshot(),
  createdAt: new Date("2026-11-26T10:05:00.000Z"),
  ...over,
});

/** Parses SSE text into messages, keeping whether each carried its own id. */
const parse = (bytes: Uint8Array | null) =>
  new TextDecoder()
    .decode(bytes!)
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const fields = Object.fromEntries(block.split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
      return { event: fields.event, id: fields.id, data: JSON.parse(fields.data!) };
    });

describe("MessageGroup", () => {
  it("yields details, status, PR and timeline messages for the task topic, with the id on the last only", () => {
    const messages = parse(new MessageGroup(row()).bytesFor(true, false));
    expect(messages.map((m) => m.event)).toEqual(["task:updated", "task:status_changed", "task:pr_updated", "task:event_added"]);
    expect(messages.map((m) => m.id)).toEqual([undefined, undefined, undefined, "41"]);
    expect(messages[0]!.data).toEqual({ taskId: TASK, version: 6, task: snapshot() });
    expect(messages[1]!.data).toMatchObject({ status: "pr_open", previousStatus: "coding", version: 6, prNumber: 14 });
    expect(messages[2]!.data).toEqual({ taskId: TASK, version: 6, prNumber: 14, prUrl: "https://github.com/acme/web/pull/14", prStatus: "open", mergeCommitSha: null });
    expect(messages[3]!.data.event).toMatchObject({ id: "41", type: "pr_opened" });
  });

  it("gives the dashboard the row fields only, with a notice when the event deserves a toast", () => {
    const [opened] = parse(new MessageGroup(row({ payload: { previousStatus: "coding", prNumber: 14, draft: false } })).bytesFor(false, true));
    expect(Object.keys(opened!.data).sort()).toEqual(
      ["taskId", "title", "status", "source", "repo", "priority", "isPrivate", "taskType", "agent", "creator", "githubIssueNumber", "githubIssueUrl",
        "githubPrNumber", "githubPrUrl", "githubPrStatus", "errorMessage", "createdAt", "updatedAt", "version", "notice"].sort(),
    );
    expect(opened!.data.notice).toBe("pr_ready");
    const [draft] = parse(new MessageGroup(row({ payload: { previousStatus: "coding", prNumber: 14, draft: true } })).bytesFor(false, true));
    expect(draft!.data.notice).toBeUndefined();
    const [merged] = parse(new MessageGroup(row({ type: "pr_merged", payload: { previousStatus: "pr_open" } })).bytesFor(false, true));
    expect(merged!.data.notice).toBe("pr_merged");
  });

  it("puts the id on the dashboard row when both topics are subscribed, and on it alone for the dashboard", () => {
    const group = new MessageGroup(row());
    const both = parse(group.bytesFor(true, true));
    expect(both.map((m) => m.event).at(-1)).toBe("dashboard:task_list_updated");
    expect(both.filter((m) => m.id).map((m) => m.event)).toEqual(["dashboard:task_list_updated"]);
    const dashboardOnly = parse(group.bytesFor(false, true));
    expect(dashboardOnly).toHaveLength(1);
    expect(dashboardOnly[0]).toMatchObject({ event: "dashboard:task_list_updated", id: "41", data: { taskId: TASK, status: "pr_open", version: 6 } });
    expect(group.bytesFor(false, false)).toBeNull();
  });

  it("serializes each variant once and reuses the bytes", () => {
    const group = new MessageGroup(row());
    expect(group.bytesFor(true, true)).toBe(group.bytesFor(true, true));
  });

  it("sends no status message when the status did not change, and counts only what changes counts", () => {
    const update = new MessageGroup(row({ type: "agent_question", payload: { body: "Which file?" } }));
    expect(parse(update.bytesFor(true, false)).map((m) => m.event)).toEqual(["task:updated", "task:event_added"]);
    expect(update.countsChange).toBeNull();
  });

  it("says where each event moved its task in the counts", () => {
    const place = (status: string, isPrivate = false) => ({ status, isPrivate, creatorId: CREATOR });
    const created = new MessageGroup(row({ type: "created", payload: { status: "received" }, snapshot: snapshot({ status: "received" }) }));
    expect(created.countsChange).toEqual({ after: place("received") });
    expect(new MessageGroup(row()).countsChange).toEqual({ before: place("coding"), after: place("pr_open") });
    const madePrivate = row({ type: "visibility_changed", payload: { isPrivate: true, previousIsPrivate: false }, snapshot: snapshot({ isPrivate: true }) });
    expect(new MessageGroup(madePrivate).countsChange).toEqual({ before: place("pr_open"), after: place("pr_open", true) });
    // Privacy set to what it was, or an event that did not record what it left: the counts are read again.
    const unsaid = row({ type: "visibility_changed", payload: { isPrivate: true }, snapshot: snapshot({ isPrivate: true }) });
    expect(new MessageGroup(unsaid).countsChange).toBe("unknown");
    expect(new MessageGroup(row({ snapshot: null })).countsChange).toBe("unknown");
  });

  it("shows a private task only to its creator and admins, and a snapshot-less event only to admins", () => {
    const group = new MessageGroup(row({ snapshot: snapshot({ isPrivate: true }) }));
    expect(group.visibleTo({ id: CREATOR, role: "member" })).toBe(true);
    expect(group.visibleTo({ id: "someone-else", role: "member" })).toBe(false);
    expect(group.visibleTo({ id: "someone-else", role: "admin" })).toBe(true);
    const legacy = new MessageGroup(row({ snapshot: null }));
    expect(legacy.visibleTo({ id: CREATOR, role: "member" })).toBe(false);
    expect(parse(legacy.bytesFor(true, true)).map((m) => m.event)).toEqual(["task:event_added"]);
  });
});
