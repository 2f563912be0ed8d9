// What the API sends about tasks. Never Prisma rows: lib/tasks/task-dto.ts maps
// them, so columns can change without changing the contract.
import type { Agent, Priority, PrStatus, TaskCounts, TaskSource, TaskStatus, TaskType } from "./task-status";

export type UserSummary = { id: string; login: string; name: string | null; avatarUrl: string | null };

/** A row of the task list and of dashboard pushes. */
export type TaskListItem = {
  id: string;
  title: string;
  status: TaskStatus;
  source: TaskSource;
  repo: string;
  priority: Priority;
  isPrivate: boolean;
  taskType: TaskType | null;
  agent: Agent | null;
  creator: UserSummary;
  githubIssueNumber: number | null;
  githubIssueUrl: string | null;
  githubPrNumber: number | null;
  githubPrUrl: string | null;
  githubPrStatus: PrStatus | null;
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

/** The row fields of a task, checked by the compiler to be exactly TaskListItem's (but id). */
const LIST_FIELDS = {
  title: true, status: true, source: true, repo: true, priority: true, isPrivate: true, taskType: true, agent: true,
  creator: true, githubIssueNumber: true, githubIssueUrl: true, githubPrNumber: true, githubPrUrl: true,
  githubPrStatus: true, errorMessage: true, createdAt: true, updatedAt: true, version: true,
} as const satisfies Record<Exclude<keyof TaskListItem, "id">, true>;

const LIST_KEYS = Object.keys(LIST_FIELDS) as (keyof typeof LIST_FIELDS)[];

/** A task's dashboard row, from any richer view of it. */
export function listFieldsOf(task: Omit<TaskListItem, "id">): Omit<TaskListItem, "id"> {
  const row: Record<string, unknown> = {};
  for (const key of LIST_KEYS) if (key in task) row[key] = task[key];
  return row as Omit<TaskListItem, "id">;
}

export type TaskDetail = TaskListItem & {
  description: string;
  taskTypeHint: TaskType | null;
  filesHint: string[];
  acceptanceCriteria: string | null;
  llmSummary: string | null;
  recommendedAgent: Agent | null;
  agentOverride: Agent | null;
  likelyFiles: string[];
  suggestedCriteria: string[];
  clarificationQuestions: string[];
  clarificationAnswers: string[];
  isClarified: boolean;
  githubBranch: string | null;
  mergeCommitSha: string | null;
  dispatchedAt: string | null;
  completedAt: string | null;
};

/** Event ids are 64-bit, so they travel as decimal strings. */
export type TaskEventDto = { id: string; type: string; payload: Record<string, unknown>; createdAt: string };

export type TaskWithEvents = TaskDetail & {
  events: TaskEventDto[];
  lastEventId: string;
  /** Set in the browser when the task became private to this viewer while shown. */
  revoked?: true;
};

export type TaskListResponse = {
  tasks: TaskListItem[];
  total: number;
  page: number;
  limit: number;
  counts: TaskCounts;
  /** The event id this page is current to: a stream started from it misses nothing. */
  lastEventId: string;
};

const TITLE_MAX = 120;

/** The LLM's one-sentence summary once there is one, else the description's first line. */
export function taskTitle(summary: string | null, description: string): string {
  if (summary) return summary;
  const line = description.trim().split("\n", 1)[0] ?? "";
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
}

/** What a task was submitted with: it never changes, so snapshots leave it out. */
type SubmittedFields = "description" | "taskTypeHint" | "filesHint" | "acceptanceCriteria";

/**
 * The task as one event left it, stored with the event (TaskEvent.snapshot) so
 * that live fan-out and replay build identical stream messages, and so the
 * visibility check knows the creator and privacy at that moment. (Snapshots
 * written by an older version may lack later fields; readers merge, not replace.)
 */
export type TaskSnapshot = Omit<TaskDetail, SubmittedFields>;
