// Which task a pull request belongs to. Agents often leave out closing
// keywords, so the task marker and the branch name are tried too, in order.
import { findTaskById, findTaskByIssue, findTaskByPullRequest, type TaskState } from "../tasks/find-task";
import { findTaskMarker } from "./task-marker";

export type PullRequestRef = { repo: string; number: number; title: string; body: string | null; branch: string };
export type Link = { task: TaskState; via: "pull_request" | "closing_keyword" | "task_marker" | "branch" };

// close, closes, closed, fix, fixes, fixed, resolve, resolves, resolved + #N or owner/repo#N
const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+(?:([\w.-]+\/[\w.-]+))?#(\d+)/gi;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// copilot/fix-123, claude/issue-123-add-export, codex/issue-123, …/123-something
const BRANCH_ISSUE = /(?:^|\/)(?:issue-|fix-|issues?\/)?(\d+)(?:\b|-|$)/i;

export function closingReferences(pr: PullRequestRef): { repo: string; number: number }[] {
  const refs = [];
  for (const text of [pr.title, pr.body ?? ""]) {
    for (const match of text.matchAll(CLOSING)) refs.push({ repo: match[1] ?? pr.repo, number: Number(match[2]) });
  }
  return refs;
}

export function branchIssueNumber(branch: string): number | null {
  const withoutPrefix = branch.includes("/") ? branch.slice(branch.indexOf("/")) : branch;
  const match = BRANCH_ISSUE.exec(withoutPrefix);
  return match ? Number(match[1]) : null;
}

export async function linkPullRequest(pr: PullRequestRef): Promise<Link | null> {
  const known = await findTaskByPullRequest(pr.repo, pr.number);
  if (known) return { task: known, via: "pull_request" };

  for (const ref of closingReferences(pr)) {
    if (ref.repo.toLowerCase() !== pr.repo.toLowerCase()) continue; // another repository's issue is not our task
    const task = await findTaskByIssue(ref.repo, ref.number);
    if (task) return { task, via: "closing_keyword" };
  }

  const markerId = findTaskMarker(pr.body);
  const marked = markerId && (await findTaskById(markerId));
  if (marked && marked.repo.toLowerCase() === pr.repo.toLowerCase()) return { task: marked, via: "task_marker" };

  const branchId = UUID.exec(pr.branch)?.[0]?.toLowerCase();
  const byBranchId = branchId && (await findTaskById(branchId));
  if (byBranchId) return { task: byBranchId, via: "branch" };
  const issue = branchIssueNumber(pr.branch);
  const byBranchIssue = issue !== null && (await findTaskByIssue(pr.repo, issue));
  if (byBranchIssue) return { task: byBranchIssue, via: "branch" };
  return null;
}
