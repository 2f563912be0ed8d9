// The task lifecycle: every status a task may move to from each status. The one
// write path (change-task.ts) refuses anything not listed here.
import { AppError } from "../shared/api-error";
import { FINISHED_STATUSES, type TaskStatus } from "../shared/task-status";

const TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  received: ["analyzing", "cancelled", "failed"],
  analyzing: ["needs_clarification", "dispatched", "cancelled", "failed"],
  // Answers send the task back to analysis (one round); it then dispatches.
  needs_clarification: ["analyzing", "cancelled", "failed"],
  // Webhooks may report the PR before anything said the agent started.
  dispatched: ["coding", "pr_open", "failed"],
  coding: ["pr_open", "failed"],
  pr_open: ["merged", "failed"],
  merged: [],
  failed: ["received"], // retry
  cancelled: [],
};

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: TaskStatus, to: TaskStatus): void {
  if (canTransition(from, to)) return;
  const allowed = TRANSITIONS[from];
  throw new AppError(
    "conflict",
    `A task cannot move from ${from} to ${to}` +
      (allowed.length ? ` (from ${from} it may move to ${allowed.join(", ")})` : ` (${from} is final)`),
    { from, to, allowed },
  );
}

export function isFinished(status: TaskStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

/** Where a task stands before it goes out as an issue (a failure may come before the issue exists). */
const BEFORE_ISSUE: readonly TaskStatus[] = ["received", "analyzing", "needs_clarification", "failed"];

/** People may choose the agent until the task's issue exists. */
export function canChooseAgent(task: { status: TaskStatus; githubIssueNumber: number | null }): boolean {
  return task.githubIssueNumber === null && BEFORE_ISSUE.includes(task.status);
}
