// POST /api/webhooks/github, behind the route wrapper: verify, record, process.
import { verifyWithFallback } from "@octokit/webhooks-methods";
import { readText } from "../http/read-json";
import { publicRoute } from "../http/route";
import { log } from "../observability/log";
import { observeWebhook } from "../observability/metrics";
import { AppError } from "../shared/api-error";
import { trackWork } from "../startup/lifecycle";
import { failDelivery, recordDelivery, settleDelivery } from "./delivery-store";
import { payloadToKeep, processDelivery, repositoryOf } from "./process-delivery";
import { webhookSecrets } from "./webhook-secret";

export const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024; // GitHub's own cap

export const webhookNotConfigured = () =>
  new AppError("unavailable", "GitHub webhooks are not configured: set GITHUB_WEBHOOK_SECRET to the webhook's secret");

/** POST /api/webhooks/github with the API's error handling: the route handler's, and our Node server's (lib/http/node-routes.ts). */
// Tracked: a shutdown waits for the deliveries being received and processed.
// Every delivery is counted by outcome (metrics.ts); a refused one as "rejected".
export const receiveGithubWebhookRoute = publicRoute(async (request) => {
  const startedAt = performance.now();
  return trackWork(receiveGithubWebhook(request, startedAt)).catch((error: unknown) => {
    observeWebhook(request.headers.get("x-github-event"), "rejected", startedAt);
    throw error;
  });
});

export async function receiveGithubWebhook(request: Request, startedAt = performance.now()): Promise<Response> {
  const secrets = webhookSecrets();
  if (!secrets) throw webhookNotConfigured(); // never accept unsigned deliveries
  const { secret, previous } = secrets;

  // The signature covers the raw bytes: verify before parsing anything.
  const body = await readText(request, WEBHOOK_BODY_LIMIT);
  const signature = request.headers.get("x-hub-signature-256");
  const valid = signature && (await verifyWithFallback(secret, body, signature, previous ? [previous] : undefined).catch(() => false));
  if (!valid) throw new AppError("unauthorized", "Missing or invalid X-Hub-Signature-256");

  const event = request.headers.get("x-github-event");
  const deliveryId = request.headers.get("x-github-delivery");
  if (!event || !deliveryId) throw new AppError("validation_failed", "X-GitHub-Event and X-GitHub-Delivery headers are required");
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON");
  }
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
    throw new AppError("validation_failed", "The body must be a JSON object");
  }

  const action = (payload as { action?: unknown }).action;
  const kept = payloadToKeep(event, payload);
  const recorded = await recordDelivery({
    id: deliveryId,
    event,
    action: typeof action === "string" ? action : null,
    repository: repositoryOf(payload),
    payload: kept === payload ? body : JSON.stringify(kept),
  });
  if (!recorded.claimed) {
    observeWebhook(event, "duplicate", startedAt);
    return Response.json({ duplicate: true, delivery: deliveryId, outcome: recorded.outcome });
  }

  try {
    const result = await processDelivery(event, kept); // what a retry would process too
    await settleDelivery(deliveryId, result);
    observeWebhook(event, result.outcome, startedAt);
    if (result.outcome === "ignored") return Response.json({ ignored: true, reason: result.reason, delivery: deliveryId }, { status: 202 });
    return Response.json({ ok: true, delivery: deliveryId, taskId: result.taskId ?? null });
  } catch (error) {
    // Stored and retried (retry-deliveries.ts); GitHub need not send it again.
    log.error({ err: error, deliveryId, event }, "webhook delivery failed; it will be retried");
    await failDelivery(deliveryId, error);
    observeWebhook(event, "retrying", startedAt);
    return Response.json({ accepted: true, retrying: true, delivery: deliveryId }, { status: 202 });
  }
}
