// Retries deliveries whose processing failed, with back-off, until they settle
// or run out of attempts, and deletes settled ones past their retention. Claims
// are atomic and deletes idempotent, so several instances may run this.
import { getEnv } from "../config/env";
import { claimDueRetries, deleteSettledDeliveries, failDelivery } from "./delivery-store";
import { processAndSettle } from "./process-delivery";
import { log } from "../observability/log";
import { trackWork } from "../startup/lifecycle";

const DAY_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

export async function retryFailedDeliveries(): Promise<number> {
  const due = await claimDueRetries();
  for (const delivery of due) {
    try {
      await processAndSettle(delivery.id, delivery.event, delivery.payload);
    } catch (error) {
      await failDelivery(delivery.id, error);
    }
  }
  return due.length;
}

/** Deletes settled deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS; returns how many. */
export async function deleteExpiredDeliveries(now = Date.now()): Promise<number> {
  const deleted = await deleteSettledDeliveries(new Date(now - getEnv().WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS));
  if (deleted) log.info({ deleted }, `Deleted ${deleted} webhook deliveries past their retention`);
  return deleted;
}

const holder = globalThis as typeof globalThis & { __conduitDeliveryRetries?: NodeJS.Timeout };

/** Every 10 s a retry pass; with the first pass and then hourly, expired deliveries are deleted too. */
export function startDeliveryRetries(intervalMs = 10_000): void {
  if (holder.__conduitDeliveryRetries) return;
  let running = false;
  let prunedAt = -Infinity;
  holder.__conduitDeliveryRetries = setInterval(() => {
    if (running) return;
    running = true;
    const prune = Date.now() - prunedAt >= PRUNE_EVERY_MS;
    if (prune) prunedAt = Date.now();
    trackWork(
      (async () => {
        await retryFailedDeliveries();
        if (prune) await deleteExpiredDeliveries();
      })(),
    )
      .catch((error: unknown) => log.error({ err: error }, "delivery retry pass failed"))
      .finally(() => (running = false));
  }, intervalMs);
  holder.__conduitDeliveryRetries.unref();
}

/** Shutdown: no further passes (one under way is tracked work). */
export function stopDeliveryRetries(): void {
  clearInterval(holder.__conduitDeliveryRetries);
}
