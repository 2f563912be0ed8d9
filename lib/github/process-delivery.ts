// What a verified delivery means: the event's handler, if we track the event
// and the repository. Handlers take only what they validate from the payload.
import type { z } from "zod";
import type { AlongWithChange } from "../tasks/change-task";
import { isTrackedRepo } from "../tasks/find-task";
import type { Outcome } from "./apply-to-task";
import { settleAlongWith, settleDelivery } from "./delivery-store";
import { handleIssueComment, issueCommentPayload } from "./handlers/issue-comment";
import { handleIssues, issuesPayload } from "./handlers/issues";
import { handlePullRequest, pullRequestPayload } from "./handlers/pull-request";
import { handleWorkflowRun, workflowRunPayload } from "./handlers/workflow-run";

type Handle<P> = (payload: P, settle: AlongWithChange) => Promise<Outcome>;
type Handler = { schema: z.ZodType; handle: Handle<unknown> };

function handler<S extends z.ZodType>(schema: S, handle: Handle<z.infer<S>>): Handler {
  return { schema, handle: (payload, settle) => handle(payload as z.infer<S>, settle) };
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

/**
 * What a delivery's handler reads of its payload (the schema drops the rest),
 * the payload as received when it does not fit (a fix may make it fit), and
 * nothing for an event no handler reads (processing ignores it whatever it
 * holds; a repository sending every event would otherwise store each push's
 * and check run's whole body). The delivery is stored with this, for retries
 * and reprocessing: a pull request payload is ~25 KB, of which the handler
 * reads well under 1 KB, and writing all of it as jsonb was about a third of
 * the database's time per delivery.
 */
export function payloadToKeep(event: string, payload: unknown): unknown {
  const handler = handlerOf(event);
  if (!handler) return {};
  const parsed = handler.schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  if (depthWithin(payload, MAX_KEPT_DEPTH)) return payload;
  // Nested past what any GitHub payload needs, only its action and repository
  // are stored: deep enough, the database's JSON parser fails on it (PGlite's
  // without saying so, and stalls). Processed, it is ignored as misshapen.
  const { action } = payload as { action?: unknown };
  const repository = repositoryOf(payload);
  return { ...(typeof action === "string" && { action }), ...(repository && { repository: { full_name: repository } }) };
}

const MAX_KEPT_DEPTH = 32;

function depthWithin(value: unknown, levels: number): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (levels === 0) return false;
  return Object.values(value).every((inner) => depthWithin(inner, levels - 1));
}

/** An own entry only: an event named like one of Object's own keys (constructor, __proto__) has no handler. */
const handlerOf = (event: string): Handler | undefined => (Object.hasOwn(HANDLERS, event) ? HANDLERS[event] : undefined);

/**
 * Processes a claimed delivery and records its outcome: with the task's change
 * when its handler applies one (settleAlongWith), else on its own. Receiving,
 * retrying and reprocessing all come here.
 */
export async function processAndSettle(id: string, event: string, payload: unknown): Promise<Outcome> {
  const result = await processDelivery(id, event, payload);
  if (!result.settled) await settleDelivery(id, result);
  return result;
}

async function processDelivery(id: string, event: string, payload: unknown): Promise<Outcome> {
  if (event === "ping") return { outcome: "processed" };
  const handler = handlerOf(event);
  if (!handler) return { outcome: "ignored", reason: `event ${event} is not tracked` };
  const repo = repositoryOf(payload);
  if (!repo || !(await isTrackedRepo(repo))) return { outcome: "ignored", reason: `repository ${repo ?? "(none)"} is not tracked` };
  const parsed = handler.schema.safeParse(payload);
  if (!parsed.success) return { outcome: "ignored", reason: "the payload does not have the expected shape" };
  return handler.handle(parsed.data, settleAlongWith(id));
}
