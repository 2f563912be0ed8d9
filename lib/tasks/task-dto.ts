// Prisma rows → the API's DTOs (lib/shared/task-dto.ts). Queries select exactly
// what these mappers read.
import type { Prisma } from "../db/generated/client";
import type { Agent as DbAgent, TaskType as DbTaskType } from "../db/generated/enums";
import type { TaskDetail, TaskEventDto, TaskListItem, TaskSnapshot } from "../shared/task-dto";
import { taskTitle } from "../shared/task-dto";
import type { Agent, TaskType } from "../shared/task-status";

export const userSummarySelect = { id: true, login: true, name: true, avatarUrl: true } as const;

export const taskListSelect = {
  id: true,
  status: true,
  source: true,
  description: true,
  llmSummary: true,
  repo: true,
  priority: true,
  isPrivate: true,
  taskType: true,
  recommendedAgent: true,
  agentOverride: true,
  githubIssueNumber: true,
  githubIssueUrl: true,
  githubPrNumber: true,
  githubPrUrl: true,
  githubPrStatus: true,
  errorMessage: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  createdBy: { select: userSummarySelect },
} as const satisfies Prisma.TaskSelect;

export const taskDetailSelect = {
  ...taskListSelect,
  taskTypeHint: true,
  filesHint: true,
  acceptanceCriteria: true,
  likelyFiles: true,
  suggestedCriteria: true,
  clarificationQuestions: true,
  clarificationAnswers: true,
  isClarified: true,
  githubBranch: true,
  mergeCommitSha: true,
  dispatchedAt: true,
  completedAt: true,
} as const satisfies Prisma.TaskSelect;

type ListRow = Prisma.TaskGetPayload<{ select: typeof taskListSelect }>;
type DetailRow = Prisma.TaskGetPayload<{ select: typeof taskDetailSelect }>;
// Prisma reads ids as bigint; plain SQL (change-task.ts) as text.
type EventRow = { id: bigint | string; type: string; payload: Prisma.JsonValue; createdAt: Date };

// Prisma enum members use underscores where the stored values (and the API) use dashes.
const dashedOrNull = <T extends string>(value: string | null) =>
  value === null ? null : (value.replaceAll("_", "-") as T);
export const taskTypeToDb = (value: TaskType) => value.replaceAll("-", "_") as DbTaskType;
export const agentToDb = (value: Agent) => value.replaceAll("-", "_") as DbAgent;

export function toTaskListItem(row: ListRow): TaskListItem {
  return {
    id: row.id,
    title: taskTitle(row.llmSummary, row.description),
    status: row.status,
    source: row.source,
    repo: row.repo,
    priority: row.priority,
    isPrivate: row.isPrivate,
    taskType: dashedOrNull<TaskType>(row.taskType),
    agent: dashedOrNull<Agent>(row.agentOverride ?? row.recommendedAgent),
    creator: row.createdBy,
    githubIssueNumber: row.githubIssueNumber,
    githubIssueUrl: row.githubIssueUrl,
    githubPrNumber: row.githubPrNumber,
    githubPrUrl: row.githubPrUrl,
    githubPrStatus: row.githubPrStatus,
    errorMessage: row.errorMessage,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

// Object.assign rather than a spread: V8 (Node 20) builds `{ ...listItem,
// description, … }`, a spread followed by sixteen new properties, on a slow
// path, about 29 µs a call against 2 (tests/bench/task-dto-cost.ts), and
// this runs on every webhook delivery that changes a task.
export function toTaskDetail(row: DetailRow): TaskDetail {
  return Object.assign(toTaskListItem(row), {
    description: row.description,
    taskTypeHint: dashedOrNull<TaskType>(row.taskTypeHint),
    filesHint: row.filesHint,
    acceptanceCriteria: row.acceptanceCriteria,
    llmSummary: row.llmSummary,
    recommendedAgent: dashedOrNull<Agent>(row.recommendedAgent),
    agentOverride: dashedOrNull<Agent>(row.agentOverride),
    likelyFiles: row.likelyFiles,
    suggestedCriteria: row.suggestedCriteria,
    clarificationQuestions: row.clarificationQuestions,
    clarificationAnswers: row.clarificationAnswers,
    isClarified: row.isClarified,
    githubBranch: row.githubBranch,
    mergeCommitSha: row.mergeCommitSha,
    dispatchedAt: row.dispatchedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
  });
}

export function toTaskSnapshot(task: TaskDetail): TaskSnapshot {
  const { description: _d, taskTypeHint: _t, filesHint: _f, acceptanceCriteria: _a, ...snapshot } = task;
  return snapshot;
}

export function toTaskEventDto(row: EventRow): TaskEventDto {
  const payload = row.payload && typeof row.payload === "object" && !Array.isArray(row.payload) ? row.payload : {};
  return { id: row.id.toString(), type: row.type, payload, createdAt: row.createdAt.toISOString() };
}
