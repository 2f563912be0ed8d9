import { visibleTo, type Viewer } from "../auth/permissions";
import { getPrisma } from "../db/prisma";
import { ACTIVE_STATUSES, type TaskCounts, type TaskStatus } from "../shared/task-status";

/** Active, completed (merged) and failed tasks among those the viewer may see. */
export async function countTasks(viewer: Viewer): Promise<TaskCounts> {
  const groups = await getPrisma().task.groupBy({ by: ["status"], where: visibleTo(viewer), _count: { _all: true } });
  return tally(groups.map((g) => [g.status, g._count._all]));
}

/** Active, completed and failed from counts by status (cancelled counts in none). */
export function tally(pairs: Iterable<readonly [TaskStatus, number]>): TaskCounts {
  const counts: TaskCounts = { active: 0, completed: 0, failed: 0 };
  for (const [status, n] of pairs) {
    if (ACTIVE_STATUSES.includes(status)) counts.active += n;
    else if (status === "merged") counts.completed += n;
    else if (status === "failed") counts.failed += n;
  }
  return counts;
}
