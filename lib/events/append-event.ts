import type { Prisma } from "../db/generated/client";
import type { Tx } from "../db/prisma";
import type { TaskEventType } from "../shared/event-types";
import { STREAM_EVENT_COLUMNS, toStreamEventRow, type RawStreamEventRow, type StreamEventRow } from "./event-row";

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

/**
 * Appends a TaskEvent inside the caller's transaction, so the task change and
 * its event commit together (the event row is the stream's outbox).
 *
 * The lock makes ids increase in commit order: with a bare sequence, id 41 can
 * commit after id 42, and a reader that has moved past 42 would never see 41.
 * Holding a transaction-scoped advisory lock from before nextval() until commit
 * means no two appends overlap; it is held only for the tail of the transaction.
 * After commit the caller raises signalEventsCommitted(events) (event-signal.ts)
 * with the rows returned here, which are what a reader of the log would get.
 *
 * Lock and insert are one statement (one round trip). The order still holds:
 * the lock is a MATERIALIZED CTE the INSERT selects its one row from, so it is
 * taken when that row is produced, before the row's id default (nextval) is
 * computed. The columns below mirror prisma/schema.prisma's TaskEvent.
 */
export async function appendEvent(tx: Tx, event: NewTaskEvent): Promise<StreamEventRow> {
  const [row] = await tx.$queryRawUnsafe<RawStreamEventRow[]>(
    `WITH ${eventLogLock()} ${INSERT_EVENT} SELECT $1::uuid, $2, $3::json, $4, $5::json FROM event_log_lock ${RETURNING_EVENT}`,
    event.taskId,
    event.type,
    JSON.stringify(event.payload),
    event.taskVersion,
    JSON.stringify(event.snapshot),
  );
  return toStreamEventRow(row!);
}

/**
 * The same append as the tail of one statement that changes the task (the
 * webhook path, change-task.ts): `changed` is a CTE returning the task's id
 * and new version; $type, $payload and $snapshot are parameter positions.
 */
export function appendEventAfter(changed: string, [type, payload, snapshot]: [number, number, number]): string {
  return `, ${eventLogLock()} ${INSERT_EVENT}
    SELECT ${changed}.id, $${type}, $${payload}::json, ${changed}.version, $${snapshot}::json FROM ${changed}, event_log_lock ${RETURNING_EVENT}`;
}

// With the PostgreSQL event bus every append also wakes the other instances,
// in its own statement: PostgreSQL delivers a NOTIFY at commit, and only if the
// transaction commits, so the wake costs no round trip of its own and cannot
// be lost between the commit and a publish after it. Set by postgres-bus.ts;
// on globalThis, as the bundles of Next's routes each have their own modules.
const holder = globalThis as typeof globalThis & { __conduitNotifyOnCommit?: string };

/** From now on every append notifies `channel` with `payload` at commit; the returned function stops it. */
export function notifyWithEachAppend(channel: string, payload: string): () => void {
  // Both become part of the SQL text: only names and UUIDs.
  if (!/^[a-z_]+$/.test(channel) || !/^[0-9a-f-]{36}$/.test(payload)) throw new Error("A bus channel is a lower-case name, its payload a UUID");
  holder.__conduitNotifyOnCommit = `, pg_notify('${channel}', '${payload}')`;
  return () => void (holder.__conduitNotifyOnCommit = "");
}

// The lock's CTE (MATERIALIZED: evaluated once, before the insert) also raises the notification.
const eventLogLock = () => `event_log_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})${holder.__conduitNotifyOnCommit ?? ""})`;
const INSERT_EVENT = "INSERT INTO task_events (task_id, type, payload, task_version, snapshot)";
const RETURNING_EVENT = `RETURNING ${STREAM_EVENT_COLUMNS}`;
