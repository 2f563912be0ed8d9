import type { Prisma } from "../db/generated/client";

/** An event as the stream needs it: the event itself, the task version it made and the task's snapshot. */
export type StreamEventRow = {
  id: bigint;
  taskId: string;
  type: string;
  payload: Prisma.JsonValue;
  taskVersion: number;
  snapshot: Prisma.JsonValue;
  createdAt: Date;
};

/**
 * The columns of a StreamEventRow, for every statement that yields one: the
 * reads (read-events.ts) and the appends' RETURNING (append-event.ts), so a
 * writer hands the hub exactly the row a reader would get. The id goes out as
 * text (node-postgres and PGlite read bigint apart; toStreamEventRow makes it a bigint).
 */
export const STREAM_EVENT_COLUMNS = `id::text AS id, task_id AS "taskId", type, payload, task_version AS "taskVersion", snapshot, created_at AS "createdAt"`;

/** A row as those columns come back from the driver. */
export type RawStreamEventRow = Omit<StreamEventRow, "id"> & { id: string };

export const toStreamEventRow = (row: RawStreamEventRow): StreamEventRow => ({ ...row, id: BigInt(row.id) });
