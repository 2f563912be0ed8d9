// Retries deliveries whose processing failed, with back-off, until they settle
// or run out of attempts. Claims are atomic, so several instances may run this.
import { claimDueRetries, failDelivery, settleDelivery } from "./delivery-store";
import { processDelivery } from "./process-delivery";

export async function retryFailedDeliveries(): Promise<number> {
  const due = await claimDueRetries();
  for (const delivery of due) {
    try {
      await settleDelivery(delivery.id, await processDelivery(delivery.event, delivery.payload));
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
    retryFailedDeliveries()
      .catch((error: unknown) => console.error("delivery retry pass failed", error))
      .finally(() => (running = false));
  }, intervalMs);
  holder.__conduitDeliveryRetries.unref();
}
