// The webhook_deliveries table: recording, claiming and settling deliveries.
// The primary key (X-GitHub-Delivery) makes a redelivery, or two copies at
// the same moment, land on one row; whoever inserts or claims it processes it.
import type { Prisma } from "../db/generated/client";
import { getPrisma } from "../db/prisma";
import type { Outcome } from "./apply-to-task";

export type NewDelivery = { id: string; event: string; action: string | null; repository: string | null; payload: Prisma.InputJsonObject };
export type Recorded = { claimed: true } | { claimed: false; outcome: string };

export const MAX_ATTEMPTS = 6;

export async function recordDelivery(delivery: NewDelivery): Promise<Recorded> {
  const prisma = getPrisma();
  const inserted = await prisma.$executeRaw`
    INSERT INTO webhook_deliveries (id, event, action, repository, payload)
    VALUES (${delivery.id}, ${delivery.event}, ${delivery.action}, ${delivery.repository}, ${JSON.stringify(delivery.payload)}::jsonb)
    ON CONFLICT (id) DO NOTHING`;
  if (inserted === 1) return { claimed: true };
  // Seen before: a failed one is taken over and processed again; anything else is a duplicate.
  if (await claimFailed(delivery.id)) return { claimed: true };
  const existing = await prisma.webhookDelivery.findUnique({ where: { id: delivery.id }, select: { outcome: true } });
  return { claimed: false, outcome: existing?.outcome ?? "pending" };
}

async function claimFailed(id: string): Promise<boolean> {
  const { count } = await getPrisma().webhookDelivery.updateMany({
    where: { id, outcome: "failed" },
    data: { outcome: "pending", attempts: { increment: 1 } },
  });
  return count === 1;
}

export async function settleDelivery(id: string, result: Outcome): Promise<void> {
  await getPrisma().webhookDelivery.update({
    where: { id },
    data: { outcome: result.outcome, reason: result.reason ?? null, taskId: result.taskId ?? null, error: null, processedAt: new Date() },
  });
}

export async function failDelivery(id: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await getPrisma().webhookDelivery.update({
    where: { id },
    data: { outcome: "failed", error: message.slice(0, 1_000), processedAt: new Date() },
  });
}

/** Failed deliveries whose back-off has passed (10 s, 20 s, 40 s, …), claimed for a retry. */
export async function claimDueRetries(limit = 20): Promise<{ id: string; event: string; payload: Prisma.JsonValue }[]> {
  const failed = await getPrisma().webhookDelivery.findMany({
    where: { outcome: "failed", attempts: { lt: MAX_ATTEMPTS } },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true, event: true, payload: true, attempts: true, processedAt: true },
  });
  const now = Date.now();
  const due = failed.filter((d) => !d.processedAt || now - d.processedAt.getTime() >= 10_000 * 2 ** (d.attempts - 1));
  const claimed = [];
  for (const d of due) if (await claimFailed(d.id)) claimed.push(d);
  return claimed;
}
