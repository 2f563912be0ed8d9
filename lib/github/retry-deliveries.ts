// Retries deliveries whose processing failed, with back-off, until they settle
// or run out of attempts. Claims are atomic, so several instances may run this.
import { claimDueRetries, failDelivery } from "./delivery-store";
import { processAndSettle } from "./process-delivery";
import { log } from "../observability/log";
import { trackWork } from "../startup/lifecycle";

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

const holder = globalThis as typeof globalThis & { __conduitDeliveryRetries?: NodeJS.Timeout };

export function startDeliveryRetries(intervalMs = 10_000): void {
  if (holder.__conduitDeliveryRetries) return;
  let running = false;
  holder.__conduitDeliveryRetries = setInterval(() => {
    if (running) return;
    running = true;
    trackWork(retryFailedDeliveries())
      .catch((error: unknown) => log.error({ err: error }, "delivery retry pass failed"))
      .finally(() => (running = false));
  }, intervalMs);
  holder.__conduitDeliveryRetries.unref();
}

/** Shutdown: no further passes (one under way is tracked work). */
export function stopDeliveryRetries(): void {
  clearInterval(holder.__conduitDeliveryRetries);
}
