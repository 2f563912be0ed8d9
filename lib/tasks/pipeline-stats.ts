// Pipeline figures over the tasks a person may see: the success rate, the
// median time from dispatch to the pull request and to the merge, and how
// many tasks were in each status day by day. Computed from the event log:
// every event carries the task's snapshot after it, so the status a task had at
// any moment is its latest snapshot's.
import { hiddenFrom, visibleTo, type Viewer } from "../auth/permissions";
import { getPrisma } from "../db/prisma";
import type { PipelineStats } from "../shared/pipeline-stats";
import type { TaskStatus } from "../shared/task-status";

const DAY_MS = 86_400_000;

export async function pipelineStats(viewer: Viewer, days: number): Promise<PipelineStats> {
  const prisma = getPrisma();
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const since = new Date(today - (days - 1) * DAY_MS);
  // The tasks this person may not see (private ones of others: few), left out of the event queries.
  const hiddenFilter = hiddenFrom(viewer);
  const hidden = hiddenFilter ? (await prisma.task.findMany({ where: hiddenFilter, select: { id: true } })).map((t) => t.id) : [];

  const [finished, [durations], series] = await Promise.all([
    prisma.task.groupBy({
      by: ["status"],
      where: { AND: [visibleTo(viewer), { status: { in: ["merged", "failed", "cancelled"] }, completedAt: { gte: since } }] },
      _count: { _all: true },
    }),
    prisma.$queryRaw<{ to_pr: number | null; pr_n: bigint; to_merge: number | null; merge_n: bigint }[]>`
      WITH marks AS (
        SELECT task_id,
          min(created_at) FILTER (WHERE type = 'dispatched') AS dispatched,
          min(created_at) FILTER (WHERE type = 'pr_opened') AS pr,
          max(created_at) FILTER (WHERE type = 'pr_merged') AS merged
        FROM task_events
        WHERE NOT (task_id = ANY(${hidden}::uuid[]))
        GROUP BY task_id
      )
      SELECT
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM pr - dispatched)) FILTER (WHERE pr >= ${since} AND pr >= dispatched) AS to_pr,
        count(*) FILTER (WHERE pr >= ${since} AND pr >= dispatched) AS pr_n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM merged - dispatched)) FILTER (WHERE merged >= ${since} AND merged >= dispatched) AS to_merge,
        count(*) FILTER (WHERE merged >= ${since} AND merged >= dispatched) AS merge_n
      FROM marks`,
    prisma.$queryRaw<{ day: Date; status: TaskStatus; n: bigint }[]>`
      WITH days AS (SELECT generate_series(${since}::timestamptz, ${new Date(today)}::timestamptz, interval '1 day') AS day)
      SELECT d.day, s.status, count(*) AS n
      FROM days d
      CROSS JOIN LATERAL (
        SELECT DISTINCT ON (e.task_id) e.snapshot->>'status' AS status
        FROM task_events e
        WHERE e.created_at < d.day + interval '1 day' AND e.snapshot IS NOT NULL AND NOT (e.task_id = ANY(${hidden}::uuid[]))
        ORDER BY e.task_id, e.id DESC
      ) s
      GROUP BY d.day, s.status`,
  ]);

  const count = (status: TaskStatus) => finished.find((f) => f.status === status)?._count._all ?? 0;
  const [merged, failed, cancelled] = [count("merged"), count("failed"), count("cancelled")];
  const statusByDay = Array.from({ length: days }, (_, i) => ({ day: new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10), counts: {} as Partial<Record<TaskStatus, number>> }));
  for (const row of series) {
    const entry = statusByDay.find((d) => d.day === row.day.toISOString().slice(0, 10));
    if (entry) entry.counts[row.status] = Number(row.n);
  }
  const seconds = (v: number | null) => (v === null ? null : Math.round(Number(v)));
  return {
    days,
    since: since.toISOString(),
    finished: { merged, failed, cancelled },
    successRate: merged + failed ? merged / (merged + failed) : null,
    dispatchToPr: { medianSeconds: seconds(durations?.to_pr ?? null), n: Number(durations?.pr_n ?? 0) },
    dispatchToMerge: { medianSeconds: seconds(durations?.to_merge ?? null), n: Number(durations?.merge_n ?? 0) },
    statusByDay,
  };
}
