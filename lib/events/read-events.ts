import { getDatabase, getPrisma, sql } from "../db/prisma";
import { taskEventSelect } from "./append-event";
import { STREAM_EVENT_COLUMNS, toStreamEventRow, type RawStreamEventRow, type StreamEventRow } from "./event-row";

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

/** The range as a WHERE clause, its values appended to `params`. */
function rangeSql({ after, upTo, taskIds }: EventRange, params: unknown[]): string {
  const where = [`id > $${params.push(after.toString())}::bigint`];
  if (upTo !== undefined) where.push(`id <= $${params.push(upTo.toString())}::bigint`);
  if (taskIds) where.push(`task_id = ANY($${params.push(taskIds)}::uuid[])`);
  return where.join(" AND ");
}

// The hub reads after every commit and replays read thousands: plain SQL
// through the driver (lib/db/connection.ts: Query says why).

/**
 * Events in id order (= commit order, see append-event.ts) with what the stream
 * needs. The order is the column's, not that of the id's text ("10" sorts before "9").
 */
export async function readEvents(range: EventRange, limit: number): Promise<StreamEventRow[]> {
  const params: unknown[] = [];
  const select = `SELECT ${STREAM_EVENT_COLUMNS} FROM task_events WHERE ${rangeSql(range, params)} ORDER BY task_events.id LIMIT $${params.push(limit)}`;
  if (getDatabase().connection.kind === "postgres") return (await sql<RawStreamEventRow>(select, params)).map(toStreamEventRow);
  // PGlite reads every field of every row in JavaScript, copying its bytes
  // out: about a third of a PGlite replay's time. One json value per batch
  // skips that (tests/bench/PERFORMANCE.md, session 13: a replay's median
  // 659–746 ms before, 505–617 after). Not on PostgreSQL: its rows come while
  // the server still produces them, and the driver reads them meanwhile; one
  // value made replays slower there.
  const [batch] = await sql<{ events: JsonEventRow[] | null }>(`SELECT json_agg(e ORDER BY e.id::bigint) AS events FROM (${select}) e`, params);
  return (batch?.events ?? []).map((row) => toStreamEventRow({ ...row, createdAt: new Date(row.createdAt) }));
}

/** An event row inside json: its time as text. */
type JsonEventRow = Omit<RawStreamEventRow, "createdAt"> & { createdAt: string };

/** Counts up to `atMost` events, so a huge backlog costs no more than needed. */
export async function countEvents(range: EventRange, atMost: number): Promise<number> {
  const params: unknown[] = [];
  const [row] = await sql<{ count: number }>(
    `SELECT count(*)::int AS count FROM (SELECT 1 FROM task_events WHERE ${rangeSql(range, params)} LIMIT $${params.push(atMost)}) AS capped`,
    params,
  );
  return row!.count;
}

/** When the oldest event of the range was written, or null when it is empty. */
export async function oldestEventTime(range: EventRange): Promise<Date | null> {
  const params: unknown[] = [];
  const [row] = await sql<{ createdAt: Date }>(`SELECT created_at AS "createdAt" FROM task_events WHERE ${rangeSql(range, params)} ORDER BY id LIMIT 1`, params);
  return row?.createdAt ?? null;
}
