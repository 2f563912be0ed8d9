// issues.assigned / issues.labeled on a dispatched task's issue: an agent took it.
import { z } from "zod";
import { githubNumberSchema } from "../../tasks/github-number";
import { findTaskByIssue } from "../../tasks/find-task";
import type { AlongWithChange } from "../../tasks/change-task";
import { applyToTask, type Outcome } from "../apply-to-task";
import { DISPATCH_LABELS } from "../labels";

export const issuesPayload = z.object({
  action: z.string(),
  issue: z.object({ number: githubNumberSchema }),
  repository: z.object({ full_name: z.string() }),
  assignee: z.object({ login: z.string() }).nullable().optional(),
  label: z.object({ name: z.string() }).optional(),
  sender: z.object({ login: z.string() }),
});
type Payload = z.infer<typeof issuesPayload>;

export async function handleIssues(payload: Payload, settle: AlongWithChange): Promise<Outcome> {
  if (payload.action !== "assigned" && payload.action !== "labeled") {
    return { outcome: "ignored", reason: `issues.${payload.action} is not tracked` };
  }
  // Dispatch sets these labels itself; GitHub reports them as "labeled" too.
  if (payload.action === "labeled" && payload.label && DISPATCH_LABELS.has(payload.label.name)) {
    return { outcome: "ignored", reason: `label ${payload.label.name} is set by dispatch` };
  }
  const task = await findTaskByIssue(payload.repository.full_name, payload.issue.number);
  if (!task) return { outcome: "ignored", reason: `no task has issue #${payload.issue.number}` };
  const by = payload.assignee?.login ?? payload.sender.login;
  return applyToTask(task, (t) =>
    t.status !== "dispatched"
      ? { ignore: `the task is ${t.status}, not dispatched` }
      : { change: { to: "coding", event: { type: "agent_started", payload: { via: `issue_${payload.action}`, by, label: payload.label?.name ?? null } } }, last: true },
    settle,
  );
}
