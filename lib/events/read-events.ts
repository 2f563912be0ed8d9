import type { Prisma } from "../db/generated/client";
import { getPrisma } from "../db/prisma";
import { streamEventSelect, taskEventSelect } from "./append-event";

/** A task's timeline, oldest first. */
export function listTaskEvents(taskId: string) {
  return getPrisma().taskEvent.findMany({
    where: { taskId },
    orderBy: { id: "asc" },
    select: taskEventSelect,
  });
}

/**
 * The id of the newest committed event, "0" when there is none. Read before a
 * snapshot, it is the point from which a stream resumes without a gap.
 */
export async function latestEventId(): Promise<string> {
  return (await newestEventId()).toString();
}

export async function newestEventId(): Promise<bigint> {
  const newest = await getPrisma().taskEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return newest?.id ?? 0n;
}

/** Events read per query by the hub and by replays: bounded memory per step. */
export const EVENT_BATCH = 500;

/** Which events a range covers: all of them, or those of some tasks. */
export type EventRange = { after: bigint; upTo?: bigint; taskIds?: string[] };

function rangeWhere({ after, upTo, taskIds }: EventRange): Prisma.TaskEventWhereInput {
  return {
    id: { gt: after, ...(upTo !== undefined && { lte: upTo }) },
    ...(taskIds && { taskId: { in: taskIds } }),
  };
}

/** Events in id order (= commit order, see append-event.ts) with what the stream needs. */
export function readEvents(range: EventRange, limit: number) {
  return getPrisma().taskEvent.findMany({
    where: rangeWhere(range),
    orderBy: { id: "asc" },
    take: limit,
    select: streamEventSelect,
  });
}

/** Counts up to `atMost` events, so a huge backlog costs no more than needed. */
export function countEvents(range: EventRange, atMost?: number): Promise<number> {
  return getPrisma().taskEvent.count({ where: rangeWhere(range), take: atMost });
}

/** When the oldest event of the range was written, or null when it is empty. */
export async function oldestEventTime(range: EventRange): Promise<Date | null> {
  const first = await getPrisma().taskEvent.findFirst({
    where: rangeWhere(range),
    orderBy: { id: "asc" },
    select: { createdAt: true },
  });
  return first?.createdAt ?? null;
}
