// issue_comment.created by an agent (a bot) on the task's issue or PR: the
// agent is asking something, and the creator should see it.
import { z } from "zod";
import { githubNumberSchema } from "../../tasks/github-number";
import { findTaskByIssue, findTaskByPullRequest } from "../../tasks/find-task";
import type { AlongWithChange } from "../../tasks/change-task";
import { applyToTask, type Outcome } from "../apply-to-task";

export const issueCommentPayload = z.object({
  action: z.string(),
  issue: z.object({ number: githubNumberSchema, pull_request: z.object({}).optional() }),
  comment: z.object({ id: z.number(), body: z.string(), html_url: z.string(), user: z.object({ login: z.string(), type: z.string() }) }),
  repository: z.object({ full_name: z.string() }),
});
type Payload = z.infer<typeof issueCommentPayload>;

const BODY_MAX = 2_000;

export async function handleIssueComment(payload: Payload, settle: AlongWithChange): Promise<Outcome> {
  const { comment, issue } = payload;
  if (payload.action !== "created") return { outcome: "ignored", reason: `issue_comment.${payload.action} is not tracked` };
  if (comment.user.type !== "Bot" && !comment.user.login.endsWith("[bot]")) {
    return { outcome: "ignored", reason: "the comment is not from an agent" };
  }
  const repo = payload.repository.full_name;
  const task = issue.pull_request ? await findTaskByPullRequest(repo, issue.number) : await findTaskByIssue(repo, issue.number);
  if (!task) return { outcome: "ignored", reason: `no task has ${issue.pull_request ? "pull request" : "issue"} #${issue.number}` };
  const body = comment.body.length > BODY_MAX ? `${comment.body.slice(0, BODY_MAX - 1)}…` : comment.body;
  return applyToTask(task, () => ({
    change: { event: { type: "agent_question", payload: { author: comment.user.login, body, url: comment.html_url, commentId: comment.id } } },
    last: true,
  }), settle);
}
