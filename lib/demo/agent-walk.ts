// What a coding agent's work on a task looks like from GitHub's side: the
// webhook deliveries the demo simulator sends, from wherever the task is now.
// dispatched → the agent's workflow starts → a draft PR opens → it is marked
// ready → a review is requested → merged (or, for every fourth task, closed
// without merge). The branch names the task, so the PR links to it whether or
// not a real issue exists (local dispatch has none).
import type { TaskListItem } from "../shared/task-dto";
import type { Agent } from "../shared/task-status";
import { taskMarker } from "../github/task-marker";
import { pullRequest, workflowRun } from "./github-payloads";

export type Delivery = { event: string; payload: Record<string, unknown>; label: string };

const AGENT_NAMES: Record<Agent, { workflow: string; branch: string; reviewer: string }> = {
  "claude-code": { workflow: "Claude Code", branch: "claude", reviewer: "maria" },
  codex: { workflow: "Codex agent", branch: "codex", reviewer: "devon" },
  copilot: { workflow: "Copilot coding agent", branch: "copilot", reviewer: "sam" },
};

export type WalkTask = Pick<TaskListItem, "id" | "title" | "status" | "repo" | "agent" | "githubIssueNumber" | "githubPrNumber">;

/** The deliveries still to come for `task`; `closeWithoutMerge` makes the last one a close. */
export function agentWalk(task: WalkTask, closeWithoutMerge = false): Delivery[] {
  const agent = AGENT_NAMES[task.agent ?? "copilot"];
  const number = task.githubPrNumber ?? pullNumberFor(task);
  const branch = `${agent.branch}/task-${task.id}`;
  const issue = task.githubIssueNumber ? `Fixes #${task.githubIssueNumber}\n\n` : "";
  const pr = { number, branch, title: task.title, body: `${issue}Work on the task from Conduit.\n${taskMarker(task.id)}` };
  // Each delivery is later than the one before: the app ignores PR updates older than the last it applied.
  const at = (step: number) => new Date(Date.now() + step * 1000).toISOString();

  const started: Delivery = { event: "workflow_run", label: `${agent.workflow} started`, payload: workflowRun("requested", task.repo, { name: agent.workflow, branch, title: task.title }) };
  const opened: Delivery = { event: "pull_request", label: `draft PR #${number} opened`, payload: pullRequest("opened", task.repo, { ...pr, draft: true, updatedAt: at(1) }) };
  const ready: Delivery = { event: "pull_request", label: `PR #${number} ready for review`, payload: pullRequest("ready_for_review", task.repo, { ...pr, updatedAt: at(2) }) };
  const review: Delivery = {
    event: "pull_request",
    label: `review requested from ${agent.reviewer}`,
    payload: pullRequest("review_requested", task.repo, { ...pr, reviewer: agent.reviewer, updatedAt: at(3) }),
  };
  const end: Delivery = closeWithoutMerge
    ? { event: "pull_request", label: `PR #${number} closed without merge`, payload: pullRequest("closed", task.repo, { ...pr, updatedAt: at(4) }) }
    : { event: "pull_request", label: `PR #${number} merged`, payload: pullRequest("merged", task.repo, { ...pr, updatedAt: at(4) }) };

  switch (task.status) {
    case "dispatched":
      return [started, opened, ready, review, end];
    case "coding":
      return [opened, ready, review, end];
    case "pr_open":
      return [review, end];
    default:
      return [];
  }
}

/** A PR number of its own for a task without one: stable, and clear of small real numbers. */
function pullNumberFor(task: WalkTask): number {
  return task.githubIssueNumber ? task.githubIssueNumber + 1 : 10_000 + (parseInt(task.id.slice(0, 6), 16) % 90_000);
}
