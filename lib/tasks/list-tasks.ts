import type { Prisma } from "../db/generated/client";
import { getPrisma } from "../db/prisma";
import { latestEventId } from "../events/read-events";
import type { TaskListResponse } from "../shared/task-dto";
import { LIST_LIMIT_DEFAULT, type ListTasksQuery } from "../shared/task-schemas";
import { visibleTo, type Viewer } from "../auth/permissions";
import { countTasks } from "./task-counts";
import { taskListSelect, toTaskListItem } from "./task-dto";

/**
 * One page of tasks, newest first (ties broken by id, so pages never overlap),
 * with the total that matches the filters. `counts` cover every task, not the
 * filtered ones (but only those the viewer may see): they are the dashboard's
 * headline figures.
 */
export async function listTasks(query: ListTasksQuery, viewer: Viewer): Promise<TaskListResponse> {
  const page = query.page ?? 1;
  const limit = query.limit ?? LIST_LIMIT_DEFAULT;
  const where: Prisma.TaskWhereInput = { AND: [visibleTo(viewer), buildWhere(query, viewer.id)] };
  const prisma = getPrisma();
  const lastEventId = await latestEventId(); // before the reads, as in get-task.ts
  const [total, rows, counts] = await Promise.all([
    prisma.task.count({ where }),
    prisma.task.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * limit,
      take: limit,
      select: taskListSelect,
    }),
    countTasks(viewer),
  ]);
  return { tasks: rows.map(toTaskListItem), total, page, limit, counts, lastEventId };
}

function buildWhere(query: ListTasksQuery, viewerId: string): Prisma.TaskWhereInput {
  const where: Prisma.TaskWhereInput = {};
  if (query.status?.length) where.status = { in: query.status };
  if (query.repo) where.repo = { equals: query.repo, mode: "insensitive" };
  if (query.creator) where.createdBy = { login: { equals: query.creator, mode: "insensitive" } };
  if (query.mine) where.createdById = viewerId;
  if (query.q) {
    const contains = { contains: query.q, mode: "insensitive" } as const;
    where.OR = [{ description: contains }, { llmSummary: contains }, { repo: contains }];
  }
  return where;
}
