import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/shared/api-error";
import { TASK_STATUSES, type TaskStatus } from "@/lib/shared/task-status";
import { assertTransition, canTransition } from "@/lib/tasks/state-machine";

// The lifecycle as the foundation issue states it, rule by rule.
const FORWARD: [TaskStatus, TaskStatus][] = [
  ["received", "analyzing"],
  ["analyzing", "needs_clarification"],
  ["analyzing", "dispatched"],
  ["needs_clarification", "analyzing"],
  ["dispatched", "coding"],
  ["coding", "pr_open"],
  ["pr_open", "merged"],
  ["dispatched", "pr_open"],
  ["failed", "received"],
];
const NON_TERMINAL: TaskStatus[] = ["received", "analyzing", "needs_clarification", "dispatched", "coding", "pr_open"];
const CANCELLABLE: TaskStatus[] = ["received", "analyzing", "needs_clarification"];

const expected = new Set([
  ...FORWARD.map(([a, b]) => `${a}>${b}`),
  ...NON_TERMINAL.map((s) => `${s}>failed`),
  ...CANCELLABLE.map((s) => `${s}>cancelled`),
]);

describe("task state machine", () => {
  const pairs = TASK_STATUSES.flatMap((from) => TASK_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)("%s → %s is allowed exactly when the lifecycle says so", (from, to) => {
    expect(canTransition(from, to)).toBe(expected.has(`${from}>${to}`));
  });

  it("refuses an illegal transition with a 409 that names both states", () => {
    let error: unknown;
    try {
      assertTransition("dispatched", "cancelled");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.status).toBe(409);
    expect(appError.message).toContain("dispatched");
    expect(appError.message).toContain("cancelled");
  });

  it("treats merged and cancelled as final", () => {
    for (const to of TASK_STATUSES) {
      expect(canTransition("merged", to)).toBe(false);
      expect(canTransition("cancelled", to)).toBe(false);
    }
  });
});
