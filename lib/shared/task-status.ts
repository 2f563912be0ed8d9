// Task vocabulary shared by server and browser: statuses, their groups and the
// other closed sets of values. The database enums mirror these lists.

export const TASK_STATUSES = [
  "received",
  "analyzing",
  "needs_clarification",
  "dispatched",
  "coding",
  "pr_open",
  "merged",
  "failed",
  "cancelled",
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses from which no transition leads anywhere except by retry (failed). */
export const FINISHED_STATUSES: readonly TaskStatus[] = ["merged", "failed", "cancelled"];
export const ACTIVE_STATUSES: readonly TaskStatus[] = TASK_STATUSES.filter(
  (s) => !FINISHED_STATUSES.includes(s),
);

/** The three figures the dashboard header shows. Cancelled tasks count in none. */
export type TaskCounts = { active: number; completed: number; failed: number };

export const TASK_TYPES = ["bug-fix", "feature", "refactor", "test-coverage"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const AGENTS = ["claude-code", "codex", "copilot"] as const;
export type Agent = (typeof AGENTS)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TASK_SOURCES = ["web", "api", "slack"] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

export const PR_STATUSES = ["open", "draft", "merged", "closed"] as const;
export type PrStatus = (typeof PR_STATUSES)[number];
