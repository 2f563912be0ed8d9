import type { Prisma } from "../db/generated/client";
import type { Tx } from "../db/prisma";
import type { TaskEventType } from "../shared/event-types";

// Any constant shared by every writer; only TaskEvent appends take this lock.
const EVENT_LOG_LOCK = 0x436f6e64; // "Cond"

export type NewTaskEvent = {
  taskId: string;
  type: TaskEventType;
  payload: Prisma.InputJsonObject;
  taskVersion: number;
  snapshot: Prisma.InputJsonObject;
};

export const taskEventSelect = { id: true, taskId: true, type: true, payload: true, createdAt: true } as const;

/** What the stream needs of an event: the event itself, the version and the snapshot. */
export const streamEventSelect = { ...taskEventSelect, taskVersion: true, snapshot: true } as const;

export type AppendedEvent = Prisma.TaskEventGetPayload<{ select: typeof taskEventSelect }>;

/**
 * Appends a TaskEvent inside the caller's transaction, so the task change and
 * its event commit together (the event row is the stream's outbox).
 *
 * The lock makes ids increase in commit order: with a bare sequence, id 41 can
 * commit after id 42, and a reader that has moved past 42 would never see 41.
 * Holding a transaction-scoped advisory lock from before nextval() until commit
 * means no two appends overlap; it is held only for the tail of the transaction.
 * After commit the caller raises signalEventsCommitted() (event-signal.ts).
 *
 * Lock and insert are one statement (one round trip). The order still holds:
 * the lock is a MATERIALIZED CTE the INSERT selects its one row from, so it is
 * taken when that row is produced, before the row's id default (nextval) is
 * computed. The columns below mirror prisma/schema.prisma's TaskEvent.
 */
export async function appendEvent(tx: Tx, event: NewTaskEvent): Promise<AppendedEvent> {
  const [row] = await tx.$queryRaw<AppendedEvent[]>`
    WITH event_log_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK}))
    INSERT INTO task_events (task_id, type, payload, task_version, snapshot)
    SELECT ${event.taskId}::uuid, ${event.type}, ${JSON.stringify(event.payload)}::jsonb, ${event.taskVersion}, ${JSON.stringify(event.snapshot)}::jsonb
    FROM event_log_lock
    RETURNING id, task_id AS "taskId", type, payload, created_at AS "createdAt"`;
  return row!;
}
