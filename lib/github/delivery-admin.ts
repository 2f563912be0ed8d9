// What admins see of webhook deliveries and what they may do with them: the
// recent ones with their outcome, and reprocessing a stored one (after a fix,
// or when a task was created after its delivery came). Never the payloads in
// lists: they are large and may hold what the repository's people wrote.
import { z } from "zod";
import { isAdmin, type Viewer } from "../auth/permissions";
import { getPrisma } from "../db/prisma";
import { log } from "../observability/log";
import { AppError } from "../shared/api-error";
import { timestampSchema } from "../shared/timestamp";
import { claimable, claimDelivery, failDelivery } from "./delivery-store";
import { processAndSettle } from "./process-delivery";
import type { DeliveryOutcome } from "../db/generated/client";

export const DELIVERY_OUTCOMES = ["pending", "processed", "ignored", "failed"] as const satisfies readonly DeliveryOutcome[];

export const listDeliveriesQuerySchema = z.strictObject({
  outcome: z.enum(DELIVERY_OUTCOMES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: timestampSchema.transform((v) => new Date(v)).optional(),
});

/** Only admins see deliveries: they carry other people's repositories and errors. */
export function assertMayAdminister(viewer: Viewer): void {
  if (!isAdmin(viewer)) throw new AppError("forbidden", "Only admins see webhook deliveries");
}

const summarySelect = {
  id: true,
  event: true,
  action: true,
  repository: true,
  outcome: true,
  reason: true,
  error: true,
  attempts: true,
  taskId: true,
  receivedAt: true,
  processedAt: true,
} as const;

export type DeliverySummary = {
  id: string;
  event: string;
  action: string | null;
  repository: string | null;
  outcome: DeliveryOutcome;
  reason: string | null;
  error: string | null;
  attempts: number;
  taskId: string | null;
  receivedAt: string;
  processedAt: string | null;
};

type Row = { receivedAt: Date; processedAt: Date | null } & Omit<DeliverySummary, "receivedAt" | "processedAt">;
const toSummary = (row: Row): DeliverySummary => ({
  ...row,
  receivedAt: row.receivedAt.toISOString(),
  processedAt: row.processedAt?.toISOString() ?? null,
});

/** Newest first; `before` (a receivedAt) pages back. */
export async function listDeliveries(q: { outcome?: DeliveryOutcome; limit: number; before?: Date }): Promise<DeliverySummary[]> {
  const rows = await getPrisma().webhookDelivery.findMany({
    where: { ...(q.outcome && { outcome: q.outcome }), ...(q.before && { receivedAt: { lt: q.before } }) },
    orderBy: { receivedAt: "desc" },
    take: q.limit,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/** Processes a stored delivery again, as if it had just come, and records the new outcome. */
export async function reprocessDelivery(id: string): Promise<DeliverySummary> {
  const prisma = getPrisma();
  // Claimed atomically, so the retry loop or a second click do not process it at the same time;
  // any settled delivery may be claimed here, not only a failed one.
  const claimed = await claimDelivery(id, { OR: [{ outcome: { not: "pending" } }, claimable()] });
  if (!claimed) {
    const exists = await prisma.webhookDelivery.count({ where: { id } });
    if (!exists) throw new AppError("not_found", `No webhook delivery ${id}`);
    throw new AppError("conflict", "The delivery is being processed right now; try again in a moment");
  }
  const delivery = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id }, select: { event: true, payload: true } });
  try {
    await processAndSettle(id, delivery.event, delivery.payload);
  } catch (error) {
    log.error({ err: error, deliveryId: id }, "reprocessing a webhook delivery failed; it will be retried");
    await failDelivery(id, error);
  }
  return toSummary(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id }, select: summarySelect }));
}
