// Leases on tasks for pipeline workers: one worker per task at a time, on any
// instance. A lease runs out on its own, so a crashed worker blocks nothing.
import { randomUUID } from "node:crypto";
import { getPrisma } from "../db/prisma";

const LEASE_MS = 120_000;

/** A fresh owner token per run: two runs in one process exclude each other too. */
export const newClaimOwner = () => `${process.pid}-${randomUUID()}`;

/** Takes the lease if nobody holds a live one; true when taken. */
export async function claimTask(taskId: string, owner: string): Promise<boolean> {
  const expiresAt = new Date(Date.now() + LEASE_MS);
  const taken = await getPrisma().$executeRaw`
    INSERT INTO task_claims (task_id, owner, expires_at) VALUES (${taskId}::uuid, ${owner}, ${expiresAt})
    ON CONFLICT (task_id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
    WHERE task_claims.expires_at < now()`;
  return taken === 1;
}

export async function releaseTask(taskId: string, owner: string): Promise<void> {
  await getPrisma().taskClaim.deleteMany({ where: { taskId, owner } });
}

/** Tasks the pipeline still owes work: received or analyzing, with no live lease. */
export async function tasksAwaitingWork(limit = 50): Promise<string[]> {
  const rows = await getPrisma().task.findMany({
    where: {
      status: { in: ["received", "analyzing"] },
      OR: [{ claim: null }, { claim: { expiresAt: { lt: new Date() } } }],
    },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
