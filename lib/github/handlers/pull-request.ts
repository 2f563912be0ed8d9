// pull_request deliveries: the PR opens, changes, is merged or closed.
import { z } from "zod";
import { githubNumberSchema } from "../../tasks/github-number";
import { timestampSchema } from "../../shared/timestamp";
import type { TaskStatus } from "../../shared/task-status";
import type { PullRequestFields } from "../../tasks/change-task";
import type { TaskState } from "../../tasks/find-task";
import type { AlongWithChange } from "../../tasks/change-task";
import { applyToTask, type Outcome, type Step } from "../apply-to-task";
import { linkPullRequest } from "../link-pull-request";

export const pullRequestPayload = z.object({
  action: z.string(),
  pull_request: z.object({
    number: githubNumberSchema,
    html_url: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    draft: z.boolean().optional(),
    merged: z.boolean().nullable().optional(),
    merged_at: timestampSchema.nullable().optional(),
    merge_commit_sha: z.string().nullable().optional(),
    updated_at: timestampSchema,
    head: z.object({ ref: z.string() }),
  }),
  repository: z.object({ full_name: z.string() }),
  requested_reviewer: z.object({ login: z.string() }).nullable().optional(),
});
type Payload = z.infer<typeof pullRequestPayload>;

const OPEN_ACTIONS = new Set(["opened", "reopened", "ready_for_review", "converted_to_draft", "synchronize", "review_requested"]);
const BEFORE_PR: TaskStatus[] = ["dispatched", "coding"];
const FINISHED: TaskStatus[] = ["merged", "failed", "cancelled"];

export async function handlePullRequest(payload: Payload, settle: AlongWithChange): Promise<Outcome> {
  const pr = payload.pull_request;
  const repo = payload.repository.full_name;
  if (payload.action !== "closed" && !OPEN_ACTIONS.has(payload.action)) {
    return { outcome: "ignored", reason: `pull_request.${payload.action} is not tracked` };
  }
  const link = await linkPullRequest({ repo, number: pr.number, title: pr.title, body: pr.body, branch: pr.head.ref });
  if (!link) return { outcome: "ignored", reason: `no task matches pull request #${pr.number}` };
  return applyToTask(link.task, (task) => decide(task, payload, link.via), settle);
}

function decide(task: TaskState, payload: Payload, via: string): Step {
  const pr = payload.pull_request;
  const updatedAt = new Date(pr.updated_at);
  const prFields: PullRequestFields = {
    githubPrNumber: pr.number,
    githubPrUrl: pr.html_url,
    githubPrStatus: pr.draft ? "draft" : "open",
    githubBranch: pr.head.ref,
    githubPrUpdatedAt: updatedAt,
  };
  const prInfo = { prNumber: pr.number, prUrl: pr.html_url, title: pr.title, draft: Boolean(pr.draft), branch: pr.head.ref, linkedBy: via };
  if (task.githubPrNumber !== null && task.githubPrNumber !== pr.number) {
    return { ignore: `the task follows pull request #${task.githubPrNumber}` };
  }
  if (FINISHED.includes(task.status)) return { ignore: `the task is already ${task.status}` };
  if (!BEFORE_PR.includes(task.status) && task.status !== "pr_open") return { ignore: `the task is not dispatched (${task.status})` };

  if (payload.action === "closed") {
    // Merged or closed before we saw it open: fill in the PR first, then finish.
    if (task.status !== "pr_open") {
      return { change: { to: "pr_open", fields: prFields, event: { type: "pr_opened", payload: prInfo } } };
    }
    if (pr.merged) {
      const mergedAt = pr.merged_at ?? pr.updated_at;
      return {
        change: {
          to: "merged",
          fields: { ...prFields, githubPrStatus: "merged", mergeCommitSha: pr.merge_commit_sha ?? null },
          event: { type: "pr_merged", payload: { prNumber: pr.number, mergeCommitSha: pr.merge_commit_sha ?? null, mergedAt } },
        },
        last: true, // merged is final
      };
    }
    if (task.githubPrUpdatedAt && updatedAt < task.githubPrUpdatedAt) {
      return { ignore: "a close older than the newest update of the pull request" };
    }
    return {
      change: {
        to: "failed",
        fields: { ...prFields, githubPrStatus: "closed", errorMessage: "PR closed without merge" },
        event: { type: "pr_closed", payload: { prNumber: pr.number } },
      },
      last: true, // failed: only a retry moves it on
    };
  }

  const eventType = payload.action === "review_requested" ? "pr_review_requested" : task.status === "pr_open" ? "pr_updated" : "pr_opened";
  const eventPayload = { ...prInfo, action: payload.action, ...(payload.requested_reviewer && { reviewer: payload.requested_reviewer.login }) };
  if (task.status !== "pr_open") {
    return { change: { to: "pr_open", fields: prFields, event: { type: eventType, payload: eventPayload } }, last: true };
  }
  if (task.githubPrUpdatedAt && updatedAt <= task.githubPrUpdatedAt) {
    return { ignore: "an older update of the pull request than the one applied" };
  }
  return { change: { fields: prFields, event: { type: eventType, payload: eventPayload } }, last: true };
}
