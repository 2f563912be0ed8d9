// What a verified delivery means: the event's handler, if we track the event
// and the repository. Handlers take only what they validate from the payload.
import type { z } from "zod";
import { isTrackedRepo } from "../tasks/find-task";
import type { Outcome } from "./apply-to-task";
import { handleIssueComment, issueCommentPayload } from "./handlers/issue-comment";
import { handleIssues, issuesPayload } from "./handlers/issues";
import { handlePullRequest, pullRequestPayload } from "./handlers/pull-request";
import { handleWorkflowRun, workflowRunPayload } from "./handlers/workflow-run";

type Handler = (payload: unknown) => Promise<Outcome>;

function handler<S extends z.ZodType>(schema: S, handle: (payload: z.infer<S>) => Promise<Outcome>): Handler {
  return async (payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return { outcome: "ignored", reason: "the payload does not have the expected shape" };
    return handle(parsed.data);
  };
}

const HANDLERS: Record<string, Handler> = {
  pull_request: handler(pullRequestPayload, handlePullRequest),
  issues: handler(issuesPayload, handleIssues),
  workflow_run: handler(workflowRunPayload, handleWorkflowRun),
  issue_comment: handler(issueCommentPayload, handleIssueComment),
};

export function repositoryOf(payload: unknown): string | null {
  const repo = (payload as { repository?: { full_name?: unknown } }).repository?.full_name;
  return typeof repo === "string" ? repo : null;
}

export async function processDelivery(event: string, payload: unknown): Promise<Outcome> {
  if (event === "ping") return { outcome: "processed" };
  const handle = HANDLERS[event];
  if (!handle) return { outcome: "ignored", reason: `event ${event} is not tracked` };
  const repo = repositoryOf(payload);
  if (!repo || !(await isTrackedRepo(repo))) return { outcome: "ignored", reason: `repository ${repo ?? "(none)"} is not tracked` };
  return handle(payload);
}
