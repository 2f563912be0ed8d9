import { getEnv } from "../config/env";
import { getPrisma } from "../db/prisma";
import { appendEvent } from "../events/append-event";
import { signalEventsCommitted } from "../events/event-signal";
import type { TaskDetail } from "../shared/task-dto";
import type { CreateTaskInput } from "../shared/task-schemas";
import { assertRepoAllowed } from "./repo-policy";
import { agentToDb, taskDetailSelect, taskTypeToDb, toTaskDetail, toTaskSnapshot } from "./task-dto";

/** Inserts the task in `received` with its `created` event, in one transaction. */
export async function createTask(input: CreateTaskInput, createdById: string): Promise<TaskDetail> {
  const repo = input.repo ?? getEnv().DEFAULT_REPO;
  assertRepoAllowed(repo);
  const { task, event } = await getPrisma().$transaction(async (tx) => {
    const row = await tx.task.create({
      data: {
        source: input.source ?? "api",
        description: input.description,
        taskTypeHint: input.type && taskTypeToDb(input.type),
        repo,
        filesHint: input.files ?? [],
        acceptanceCriteria: input.acceptanceCriteria,
        priority: input.priority ?? "normal",
        isPrivate: input.isPrivate ?? false,
        agentOverride: input.agent && agentToDb(input.agent),
        createdById,
      },
      select: taskDetailSelect,
    });
    const detail = toTaskDetail(row);
    const event = await appendEvent(tx, {
      taskId: row.id,
      type: "created",
      payload: { status: row.status, source: row.source, repo, priority: row.priority },
      taskVersion: row.version,
      snapshot: toTaskSnapshot(detail),
    });
    return { task: detail, event };
  });
  signalEventsCommitted([event]);
  return task;
}
