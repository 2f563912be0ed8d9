// Look-ups of tasks by their GitHub identity, for webhook handlers deciding
// what a delivery means for a task.
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
} as const;

export type TaskState = NonNullable<Awaited<ReturnType<typeof findTaskById>>>;

const sameRepo = (repo: string) => ({ equals: repo, mode: "insensitive" as const });

export function findTaskById(id: string) {
  return getPrisma().task.findUnique({ where: { id }, select: taskStateSelect });
}

export function findTaskByIssue(repo: string, issueNumber: number) {
  return getPrisma().task.findFirst({ where: { repo: sameRepo(repo), githubIssueNumber: issueNumber }, select: taskStateSelect });
}

export function findTaskByPullRequest(repo: string, prNumber: number) {
  return getPrisma().task.findFirst({ where: { repo: sameRepo(repo), githubPrNumber: prNumber }, select: taskStateSelect });
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
