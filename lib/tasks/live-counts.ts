// The dashboard's counts for every viewer, as the hub pushes them after each
// burst of status changes. Counting the tasks table each time (two GROUP BYs
// over every task) grew with the table: ~40 ms of PostgreSQL's time per push
// at 100,000 tasks, and on PGlite all of it in the server's own thread. So the
// counts are read once, in one statement with the newest event id (a
// statement sees one snapshot, and event ids commit in order), which makes
// them exactly the counts after that event; each later event then moves them
// by what it says it changed (countsChangeOf). Events carry that: a new task
// its snapshot, a status change its previousStatus, a privacy change its
// previousIsPrivate (change-task.ts).
import type { Viewer } from "../auth/permissions";
import { sql } from "../db/prisma";
import type { TaskSnapshot } from "../shared/task-dto";
import type { TaskCounts, TaskStatus } from "../shared/task-status";
import { tally } from "./task-counts";

/** Where a task counts: its status, for everyone or (private) for its creator. */
type Place = { status: TaskStatus; isPrivate: boolean; creatorId: string };

/** What an event did to the counts; "unknown" when it cannot say (the counts are read again). */
export type CountsChange = { before?: Place; after: Place } | "unknown";

/** The change an event made to the counts, or null if it made none. */
export function countsChangeOf(type: string, payload: Record<string, unknown>, snapshot: TaskSnapshot | null): CountsChange | null {
  const previousStatus = payload.previousStatus as TaskStatus | undefined;
  const previousIsPrivate = payload.previousIsPrivate as boolean | undefined;
  if (type !== "created" && previousStatus === undefined && previousIsPrivate === undefined) {
    // Privacy set to what it was, or by a version that did not record what it left.
    return type === "visibility_changed" ? "unknown" : null;
  }
  if (!snapshot) return "unknown";
  const after: Place = { status: snapshot.status, isPrivate: snapshot.isPrivate, creatorId: snapshot.creator.id };
  if (type === "created") return { after };
  return { before: { ...after, status: previousStatus ?? after.status, isPrivate: previousIsPrivate ?? after.isPrivate }, after };
}

export class LiveCounts {
  private constructor(
    /** The id of the last event these counts include. */
    readonly at: bigint,
    private readonly open = new Map<TaskStatus, number>(),
    /** Private tasks by creator, then status. */
    private readonly hidden = new Map<string, Map<TaskStatus, number>>(),
  ) {}

  static async read(): Promise<LiveCounts> {
    // One row even without tasks (the LEFT JOIN), so the event id always comes back.
    const rows = await sql<{ at: string; status: TaskStatus | null; isPrivate: boolean; creatorId: string | null; n: number }>(
      `SELECT m.at::text AS at, g.status::text AS status, g.is_private AS "isPrivate", g.creator::text AS "creatorId", g.n
       FROM (SELECT coalesce(max(id), 0) AS at FROM task_events) m
       LEFT JOIN (SELECT status, is_private, CASE WHEN is_private THEN created_by_id END AS creator, count(*)::int AS n
                  FROM tasks GROUP BY 1, 2, 3) g ON true`,
      [],
    );
    const counts = new LiveCounts(BigInt(rows[0]!.at));
    for (const { status, isPrivate, creatorId, n } of rows) if (status) counts.add({ status, isPrivate, creatorId: creatorId ?? "" }, n);
    return counts;
  }

  apply(change: Exclude<CountsChange, "unknown">): void {
    if (change.before) this.add(change.before, -1);
    this.add(change.after, 1);
  }

  /** Every viewer's counts; admins' (all tasks) are tallied once. */
  forEveryone(): (viewer: Viewer) => TaskCounts {
    let all: TaskCounts | undefined;
    return (viewer) => {
      if (viewer.role === "admin") return (all ??= tally([...this.open, ...[...this.hidden.values()].flatMap((byStatus) => [...byStatus])]));
      return tally([...this.open, ...(this.hidden.get(viewer.id) ?? [])]);
    };
  }

  private add({ status, isPrivate, creatorId }: Place, n: number): void {
    let byStatus = this.open;
    if (isPrivate) {
      byStatus = this.hidden.get(creatorId) ?? new Map();
      this.hidden.set(creatorId, byStatus);
    }
    byStatus.set(status, (byStatus.get(status) ?? 0) + n);
  }
}
