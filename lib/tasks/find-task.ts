// Look-ups of tasks by their GitHub identity, for webhook handlers deciding
// what a delivery means for a task. Plain SQL (task-columns.ts): they run on
// every delivery, where Prisma's client would cost more than the query.
import { getPrisma, sql } from "../db/prisma";
import { isGithubNumber } from "./github-number";
import { selectTaskState, toTaskState, type TaskState } from "./task-columns";
import { taskDetailSelect, toTaskDetail } from "./task-dto";
import { isTaskId } from "./task-id";

export type { TaskState };

async function findOne(where: string, params: unknown[]): Promise<TaskState | null> {
  const [row] = await sql<{ task: Record<string, unknown> }>(selectTaskState(where), params);
  return row ? toTaskState(row.task) : null;
}

// Repositories match case-insensitively: GitHub treats Owner/Repo and owner/repo as one.
const SAME_REPO = "lower(t.repo) = lower($1)";

export function findTaskById(id: string) {
  return isTaskId(id) ? findOne("t.id = $1::uuid", [id]) : Promise.resolve(null);
}

/** A number no issue or PR can have (github-number.ts) names no task, and never reaches the statement. */
function findByNumber(column: "github_issue_number" | "github_pr_number", repo: string, number: number) {
  return isGithubNumber(number) ? findOne(`${SAME_REPO} AND t.${column} = $2`, [repo, number]) : Promise.resolve(null);
}

export function findTaskByIssue(repo: string, issueNumber: number) {
  return findByNumber("github_issue_number", repo, issueNumber);
}

export function findTaskByPullRequest(repo: string, prNumber: number) {
  return findByNumber("github_pr_number", repo, prNumber);
}

// Repositories seen tracked. Once tracked, always tracked (tasks are never
// deleted and keep their repo), so a yes can be remembered and the webhook hot
// path skips the count; a no is asked again, as a task may come any moment.
const trackedRepos = new Set<string>();

/** A repository is tracked once any task targets it. */
export async function isTrackedRepo(repo: string): Promise<boolean> {
  const key = repo.toLowerCase(); // matched case-insensitively, as the look-ups do
  if (trackedRepos.has(key)) return true;
  const tracked = (await sql(`SELECT 1 FROM tasks t WHERE ${SAME_REPO} LIMIT 1`, [repo])).length > 0;
  if (tracked) trackedRepos.add(key);
  return tracked;
}

/** Everything the pipeline reads of a task: its detail plus the step that failed. */
export async function findTaskForPipeline(id: string) {
  const row = await getPrisma().task.findUnique({ where: { id }, select: { ...taskDetailSelect, failedStep: true, llmAnalysis: true } });
  const clearEnough = (row?.llmAnalysis as { clear_enough?: unknown } | null)?.clear_enough;
  return row && { ...toTaskDetail(row), failedStep: row.failedStep, analysisClear: clearEnough !== false };
}
