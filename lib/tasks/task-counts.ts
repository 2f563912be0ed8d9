import { visibleTo, type Viewer } from "../auth/permissions";
import { getPrisma } from "../db/prisma";
import { ACTIVE_STATUSES, type TaskCounts, type TaskStatus } from "../shared/task-status";

/** Active, completed (merged) and failed tasks among those the viewer may see. */
export async function countTasks(viewer: Viewer): Promise<TaskCounts> {
  const groups = await getPrisma().task.groupBy({ by: ["status"], where: visibleTo(viewer), _count: { _all: true } });
  return tally(groups.map((g) => [g.status, g._count._all]));
}

/**
 * Counts for many viewers from two queries (the hub's fan-out): public tasks
 * by status, private ones by status and creator.
 */
export async function countTasksForEveryone(): Promise<(viewer: Viewer) => TaskCounts> {
  const prisma = getPrisma();
  const [open, hidden] = await Promise.all([
    prisma.task.groupBy({ by: ["status"], where: { isPrivate: false }, _count: { _all: true } }),
    prisma.task.groupBy({ by: ["status", "createdById"], where: { isPrivate: true }, _count: { _all: true } }),
  ]);
  const publicPairs = open.map((g) => [g.status, g._count._all] as const);
  const all = tally([...publicPairs, ...hidden.map((g) => [g.status, g._count._all] as const)]);
  return (viewer) =>
    viewer.role === "admin"
      ? all
      : tally([...publicPairs, ...hidden.filter((g) => g.createdById === viewer.id).map((g) => [g.status, g._count._all] as const)]);
}

function tally(pairs: Iterable<readonly [TaskStatus, number]>): TaskCounts {
  const counts: TaskCounts = { active: 0, completed: 0, failed: 0 };
  for (const [status, n] of pairs) {
    if (ACTIVE_STATUSES.includes(status)) counts.active += n;
    else if (status === "merged") counts.completed += n;
    else if (status === "failed") counts.failed += n;
  }
  return counts;
}
