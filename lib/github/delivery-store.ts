// The webhook_deliveries table: recording, claiming and settling deliveries.
// The primary key (X-GitHub-Delivery) makes a redelivery, or two copies at
// the same moment, land on one row; whoever inserts or claims it processes it.
// A claim is taken on a failed delivery, or on one still pending long after its
// last claim (the process handling it died before settling it).
import { NO_FLUSH_WAIT } from "../db/commit-without-flush";
import type { Prisma } from "../db/generated/client";
import { getPrisma, sql } from "../db/prisma";
import type { AlongWithChange } from "../tasks/change-task";
import type { Outcome } from "./apply-to-task";

/** `payload`: JSON text, stored as it is (receive-webhook.ts: what the handler reads, or the body as received). */
export type NewDelivery = { id: string; event: string; action: string | null; repository: string | null; payload: string };
export type Recorded = { claimed: true } | { claimed: false; outcome: string };

export const MAX_ATTEMPTS = 6;

/** A pending delivery whose claim is older than this was cut off: it may be claimed again. */
const STALE_CLAIM_MS = 2 * 60_000;

/** Deliveries that may be claimed now: failed ones, and pending ones whose claim went stale. */
export const claimable = (): Prisma.WebhookDeliveryWhereInput => ({
  OR: [{ outcome: "failed" }, { outcome: "pending", claimedAt: { lt: new Date(Date.now() - STALE_CLAIM_MS) } }],
});

/** Takes the delivery if `where` (and its id) still match, atomically: true if this caller now processes it. */
export async function claimDelivery(id: string, where: Prisma.WebhookDeliveryWhereInput = claimable()): Promise<boolean> {
  const { count } = await getPrisma().webhookDelivery.updateMany({
    where: { AND: [{ id }, where] },
    data: { outcome: "pending", attempts: { increment: 1 }, claimedAt: new Date() },
  });
  return count === 1;
}

// Recording and settling run once per delivery on the webhook's hot path: plain
// statements through the driver (lib/db/connection.ts: Query says why), whose
// commits do not wait for the disk (commit-without-flush.ts). A delivery that
// changes a task is settled in the change's own statement instead
// (settleAlongWith), which waits, and so makes the record durable with it too.
// What is left at risk is small: a crash of the database can lose the record
// of a delivery that changed nothing, or its settle, from its last fraction of
// a second. A lost settle leaves the delivery pending: it is claimed again
// after STALE_CLAIM_MS and processed again, which changes nothing.
export async function recordDelivery(delivery: NewDelivery): Promise<Recorded> {
  const inserted = await sql(
    `WITH ${NO_FLUSH_WAIT} INSERT INTO webhook_deliveries (id, event, action, repository, payload)
     SELECT $1, $2, $3, $4, $5::json FROM no_flush_wait ON CONFLICT (id) DO NOTHING RETURNING id`,
    [delivery.id, delivery.event, delivery.action, delivery.repository, delivery.payload],
  );
  if (inserted.length === 1) return { claimed: true };
  // Seen before: a failed (or cut-off) one is taken over and processed again; anything else is a duplicate.
  if (await claimDelivery(delivery.id)) return { claimed: true };
  const existing = await getPrisma().webhookDelivery.findUnique({ where: { id: delivery.id }, select: { outcome: true } });
  return { claimed: false, outcome: existing?.outcome ?? "pending" };
}

/** What settling writes, given as SQL expressions: both ways of settling below. */
const settledColumns = (outcome: string, reason: string, taskId: string) =>
  `outcome = ${outcome}, reason = ${reason}, task_id = ${taskId}, error = NULL, processed_at = now()`;

export async function settleDelivery(id: string, result: Outcome): Promise<void> {
  await sql(
    `WITH ${NO_FLUSH_WAIT} UPDATE webhook_deliveries SET ${settledColumns("$2", "$3", "$4::uuid")}
     FROM no_flush_wait WHERE id = $1`,
    [id, result.outcome, result.reason ?? null, result.taskId ?? null],
  );
}

/**
 * Settles the delivery as processed in the statement of the change it caused
 * (change-task.ts, AlongWithChange): no statement of its own on the usual
 * path, and it commits exactly when the change does.
 */
export const settleAlongWith =
  (id: string): AlongWithChange =>
  (changed, first) => ({
    cte: `settled AS (UPDATE webhook_deliveries SET ${settledColumns("'processed'", "NULL", `${changed}.id`)}
      FROM ${changed} WHERE webhook_deliveries.id = $${first})`,
    params: [id],
  });

/**
 * Deletes the settled deliveries received before `before`, `batch` rows per
 * statement (found through the received_at index; each statement's locks are
 * short). Pending ones stay: they are being processed, or will be taken over.
 */
export async function deleteSettledDeliveries(before: Date, batch = 1_000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await sql(
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT id FROM webhook_deliveries WHERE received_at < $1 AND outcome <> 'pending' LIMIT $2) RETURNING 1`,
      [before, batch],
    );
    deleted += rows.length;
    if (rows.length < batch) return deleted;
  }
}

export async function failDelivery(id: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await getPrisma().webhookDelivery.update({
    where: { id },
    data: { outcome: "failed", error: message.slice(0, 1_000), processedAt: new Date() },
  });
}

/** Failed deliveries whose back-off has passed (10 s, 20 s, 40 s, …) and cut-off ones, claimed for a retry. */
export async function claimDueRetries(limit = 20): Promise<{ id: string; event: string; payload: Prisma.JsonValue }[]> {
  const failed = await getPrisma().webhookDelivery.findMany({
    where: { AND: [claimable(), { attempts: { lt: MAX_ATTEMPTS } }] },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true, event: true, payload: true, attempts: true, processedAt: true },
  });
  const now = Date.now();
  const due = failed.filter((d) => !d.processedAt || now - d.processedAt.getTime() >= 10_000 * 2 ** (d.attempts - 1));
  const claimed = [];
  for (const d of due) if (await claimDelivery(d.id)) claimed.push(d);
  return claimed;
}
