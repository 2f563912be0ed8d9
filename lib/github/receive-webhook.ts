// POST /api/webhooks/github: verify, record, process. The core takes the
// request as headers and a body to read and gives its answer as a status and a
// JSON body, so the route handler (web Request/Response, app/api) and our Node
// server (Node's own request/response, lib/http/node-routes.ts) both run it:
// the busiest write path pays for no web object it does not need.
import { verifyWithFallback } from "@octokit/webhooks-methods";
import pLimit, { type LimitFunction } from "p-limit";
import { getEnv } from "../config/env";
import { readText } from "../http/read-json";
import { publicRoute } from "../http/route";
import { log } from "../observability/log";
import { observeWebhook } from "../observability/metrics";
import { AppError } from "../shared/api-error";
import { trackWork } from "../startup/lifecycle";
import { failDelivery, recordDelivery, type NewDelivery } from "./delivery-store";
import { payloadToKeep, processAndSettle, repositoryOf } from "./process-delivery";
import { webhookSecrets } from "./webhook-secret";

export const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024; // GitHub's own cap
const DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/;
// A surrogate's escape (pairs, such as an emoji's, too: toWellFormed keeps those as they are).
const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

export const webhookNotConfigured = () =>
  new AppError("unavailable", "GitHub webhooks are not configured: set GITHUB_WEBHOOK_SECRET to the webhook's secret");

/** A webhook request, whichever server received it. */
export type WebhookRequest = { header: (name: string) => string | null; readBody: (limit: number) => Promise<string> };
export type WebhookAnswer = { status: number; body: Record<string, unknown> };

// Tracked: a shutdown waits for the deliveries being received and processed.
// Every delivery is counted by outcome (metrics.ts); a refused one as "rejected".
export function receiveTracked(request: WebhookRequest): Promise<WebhookAnswer> {
  const startedAt = performance.now();
  return trackWork(receiveGithubWebhook(request, startedAt)).catch((error: unknown) => {
    observeWebhook(request.header("x-github-event"), "rejected", startedAt);
    throw error;
  });
}

/** POST /api/webhooks/github as a route handler, with the API's error handling (publicRoute). */
export const receiveGithubWebhookRoute = publicRoute(async (request) => {
  const answer = await receiveTracked({ header: (name) => request.headers.get(name), readBody: (limit) => readText(request, limit) });
  return Response.json(answer.body, { status: answer.status });
});

async function receiveGithubWebhook(request: WebhookRequest, startedAt: number): Promise<WebhookAnswer> {
  const secrets = webhookSecrets();
  if (!secrets) throw webhookNotConfigured(); // never accept unsigned deliveries
  const { secret, previous } = secrets;

  // The signature covers the raw bytes: verify before parsing anything.
  const body = await request.readBody(WEBHOOK_BODY_LIMIT);
  const signature = request.header("x-hub-signature-256");
  const valid = signature && (await verifyWithFallback(secret, body, signature, previous ? [previous] : undefined).catch(() => false));
  if (!valid) throw new AppError("unauthorized", "Missing or invalid X-Hub-Signature-256");

  const event = request.header("x-github-event");
  const deliveryId = request.header("x-github-delivery");
  if (!event || !deliveryId) throw new AppError("validation_failed", "X-GitHub-Event and X-GitHub-Delivery headers are required");
  // GitHub's delivery ids are GUIDs; the id is the table's key, which takes no more than this.
  if (!DELIVERY_ID.test(deliveryId)) throw new AppError("validation_failed", "X-GitHub-Delivery must be up to 100 letters, digits and dashes");
  // A lone surrogate (\ud800 written in the JSON) would be stored as written
  // in the task's snapshot, where PostgreSQL's json functions refuse it: such a
  // string is made well-formed (U+FFFD). Only scanned for, on the hot path.
  const mended = LONE_SURROGATE_ESCAPE.test(body);
  let payload: unknown;
  try {
    payload = mended ? JSON.parse(body, (_key, value: unknown) => (typeof value === "string" ? value.toWellFormed() : value)) : JSON.parse(body);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON");
  }
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
    throw new AppError("validation_failed", "The body must be a JSON object");
  }

  const action = (payload as { action?: unknown }).action;
  const kept = payloadToKeep(event, payload);
  const delivery: NewDelivery = {
    id: deliveryId,
    event,
    action: typeof action === "string" ? action : null,
    repository: repositoryOf(payload),
    payload: kept === payload && !mended ? body : JSON.stringify(kept),
  };
  return inDatabase(() => recordAndProcess(delivery, kept, startedAt));
}

// Deliveries reach the database at most WEBHOOK_CONCURRENCY at a time per
// instance; the rest wait here, in arrival order. Every delivery that changes a
// task appends an event under the event log's lock until its commit
// (append-event.ts), so more at once do not go faster: they wait in PostgreSQL
// instead, each holding a pooled connection (and making the pool open new
// ones, a backend process each) while the CPU is short. On the bench's
// two-core machine, over its ingest steps (50–400/s, 1,000 idle streams), ten
// at once answered 6 to 778 deliveries per run in over 100 ms, four at once
// none in four runs of six (PERFORMANCE.md, session 18). It also keeps a
// webhook storm from taking every connection that pages and streams need.
// One per process: Next bundles this module once per route (the Next route,
// our Node server's table, /api/health).
const holder = globalThis as typeof globalThis & { __conduitWebhookSlots?: LimitFunction };
const inDatabase = <T>(work: () => Promise<T>): Promise<T> => (holder.__conduitWebhookSlots ??= pLimit(getEnv().WEBHOOK_CONCURRENCY))(work);

/** Deliveries this instance is working on in the database, and those waiting their turn (/api/health). */
export const webhookQueue = () => ({ working: holder.__conduitWebhookSlots?.activeCount ?? 0, waiting: holder.__conduitWebhookSlots?.pendingCount ?? 0 });

/** Records the delivery and, unless another copy has it, processes it. `kept`: the payload as the handler reads it. */
async function recordAndProcess(delivery: NewDelivery, kept: unknown, startedAt: number): Promise<WebhookAnswer> {
  const { id: deliveryId, event } = delivery;
  const recorded = await recordDelivery(delivery);
  if (!recorded.claimed) {
    observeWebhook(event, "duplicate", startedAt);
    return { status: 200, body: { duplicate: true, delivery: deliveryId, outcome: recorded.outcome } };
  }

  try {
    const result = await processAndSettle(deliveryId, event, kept); // what a retry would process too
    observeWebhook(event, result.outcome, startedAt);
    if (result.outcome === "ignored") return { status: 202, body: { ignored: true, reason: result.reason, delivery: deliveryId } };
    return { status: 200, body: { ok: true, delivery: deliveryId, taskId: result.taskId ?? null } };
  } catch (error) {
    // Stored and retried (retry-deliveries.ts); GitHub need not send it again.
    log.error({ err: error, deliveryId, event }, "webhook delivery failed; it will be retried");
    await failDelivery(deliveryId, error);
    observeWebhook(event, "retrying", startedAt);
    return { status: 202, body: { accepted: true, retrying: true, delivery: deliveryId } };
  }
}
