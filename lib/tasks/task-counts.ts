import type { Prisma } from "../db/generated/client";
import { getPrisma } from "../db/prisma";
import { ACTIVE_STATUSES, type TaskCounts } from "../shared/task-status";

/** Active, completed (merged) and failed tasks among those `where` selects. */
export async function countTasks(where: Prisma.TaskWhereInput = {}): Promise<TaskCounts> {
  const groups = await getPrisma().task.groupBy({ by: ["status"], where, _count: { _all: true } });
  const counts: TaskCounts = { active: 0, completed: 0, failed: 0 };
  for (const { status, _count } of groups) {
    if (ACTIVE_STATUSES.includes(status)) counts.active += _count._all;
    else if (status === "merged") counts.completed += _count._all;
    else if (status === "failed") counts.failed += _count._all;
  }
  return counts;
}
