import { canViewTask, type Viewer } from "../auth/permissions";
import { getPrisma } from "../db/prisma";
import { latestEventId, listTaskEvents } from "../events/read-events";
import type { TaskWithEvents } from "../shared/task-dto";
import { taskDetailSelect, toTaskDetail, toTaskEventDto } from "./task-dto";
import { assertTaskId, taskNotFound } from "./task-id";

/** The task, its timeline (oldest first) and the event id the snapshot is current to. */
/** A task the viewer may not see is answered like a missing one (404). */
export async function getTaskWithEvents(taskId: string, viewer: Viewer): Promise<TaskWithEvents> {
  assertTaskId(taskId);
  // Read the resume point first: every event up to it is already in the snapshot;
  // later ones may be too, and clients drop those by version.
  const lastEventId = await latestEventId();
  const row = await getPrisma().task.findUnique({ where: { id: taskId }, select: taskDetailSelect });
  if (!row || !canViewTask(viewer, { isPrivate: row.isPrivate, creator: row.createdBy })) throw taskNotFound(taskId);
  const events = await listTaskEvents(taskId);
  return { ...toTaskDetail(row), events: events.map(toTaskEventDto), lastEventId };
}
