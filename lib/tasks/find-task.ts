// Look-ups of tasks by their GitHub identity, for webhook handlers deciding
// what a delivery means for a task.
import type { Prisma } from "../db/generated/client";
import { getPrisma } from "../db/prisma";
import { taskDetailSelect, toTaskDetail } from "./task-dto";

export const taskStateSelect = {
  id: true,
  status: true,
  version: true,
  repo: true,
  githubIssueNumber: true,
  githubPrNumber: true,
  githubPrUpdatedAt: true,
  // Read along (a join), so a change needs no query of its own for the snapshot's creator.
  createdBy: taskDetailSelect.createdBy,
} as const;

type StateRow = Prisma.TaskGetPayload<{ select: typeof taskStateSelect }>;

/** What a webhook handler decides from: the state columns, and the creator under the name task details use. */
export type TaskState = Omit<StateRow, "createdBy"> & { creator: StateRow["createdBy"] };

const toState = (row: StateRow | null): TaskState | null => {
  if (!row) return null;
  const { createdBy, ...state } = row;
  return { ...state, creator: createdBy };
};

const sameRepo = (repo: string) => ({ equals: repo, mode: "insensitive" as const });

export function findTaskById(id: string) {
  return getPrisma().task.findUnique({ where: { id }, select: taskStateSelect }).then(toState);
}

export function findTaskByIssue(repo: string, issueNumber: number) {
  return getPrisma().task.findFirst({ where: { repo: sameRepo(repo), githubIssueNumber: issueNumber }, select: taskStateSelect }).then(toState);
}

export function findTaskByPullRequest(repo: string, prNumber: number) {
  return getPrisma().task.findFirst({ where: { repo: sameRepo(repo), githubPrNumber: prNumber }, select: taskStateSelect }).then(toState);
}

// Repositories seen tracked. Once tracked, always tracked (tasks are never
// deleted and keep their repo), so a yes can be remembered and the webhook hot
// path skips the count; a no is asked again, as a task may come any moment.
const trackedRepos = new Set<string>();

/** A repository is tracked once any task targets it. */
export async function isTrackedRepo(repo: string): Promise<boolean> {
  const key = repo.toLowerCase(); // matched case-insensitively, as sameRepo does
  if (trackedRepos.has(key)) return true;
  const tracked = (await getPrisma().task.count({ where: { repo: sameRepo(repo) }, take: 1 })) > 0;
  if (tracked) trackedRepos.add(key);
  return tracked;
}

/** Everything the pipeline reads of a task: its detail plus the step that failed. */
export async function findTaskForPipeline(id: string) {
  const row = await getPrisma().task.findUnique({ where: { id }, select: { ...taskDetailSelect, failedStep: true, llmAnalysis: true } });
  const clearEnough = (row?.llmAnalysis as { clear_enough?: unknown } | null)?.clear_enough;
  return row && { ...toTaskDetail(row), failedStep: row.failedStep, analysisClear: clearEnough !== false };
}
