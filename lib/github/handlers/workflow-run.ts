// workflow_run requested / in_progress of an agent's workflow: the agent started.
import { z } from "zod";
import type { AlongWithChange } from "../../tasks/change-task";
import { applyToTask, type Outcome } from "../apply-to-task";
import { linkPullRequest } from "../link-pull-request";

export const workflowRunPayload = z.object({
  action: z.string(),
  workflow_run: z.object({
    id: z.number(),
    name: z.string().nullable().optional(),
    path: z.string().optional(),
    head_branch: z.string().nullable(),
    display_title: z.string().optional(),
    html_url: z.string(),
  }),
  repository: z.object({ full_name: z.string() }),
});
type Payload = z.infer<typeof workflowRunPayload>;

// Workflows of the coding agents, by name or file (claude.yml, copilot-swe-agent, codex…).
const AGENT_WORKFLOW = /claude|codex|copilot|agent/i;

export async function handleWorkflowRun(payload: Payload, settle: AlongWithChange): Promise<Outcome> {
  const run = payload.workflow_run;
  if (payload.action !== "requested" && payload.action !== "in_progress") {
    return { outcome: "ignored", reason: `workflow_run.${payload.action} is not tracked` };
  }
  if (!AGENT_WORKFLOW.test(`${run.name ?? ""} ${run.path ?? ""}`)) {
    return { outcome: "ignored", reason: `workflow ${run.name ?? run.path} is not an agent workflow` };
  }
  // The run's branch and title lead to the task the same way a PR's do.
  const link = await linkPullRequest({
    repo: payload.repository.full_name,
    number: -1,
    title: run.display_title ?? "",
    body: null,
    branch: run.head_branch ?? "",
  });
  if (!link) return { outcome: "ignored", reason: "no task matches the workflow run" };
  return applyToTask(link.task, (t) =>
    t.status !== "dispatched"
      ? { ignore: `the task is ${t.status}, not dispatched` }
      : { change: { to: "coding", event: { type: "agent_started", payload: { via: "workflow_run", workflow: run.name ?? null, runUrl: run.html_url } } }, last: true },
    settle,
  );
}
