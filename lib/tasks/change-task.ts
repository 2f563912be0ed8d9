// The one way an existing task changes: check the transition, apply the fields,
// bump the version and append the TaskEvent, all in one transaction. Callers
// describe the change; they never write tasks themselves. Two entries:
// - changeTask: under a row lock, on the task as it is now (permission checks,
//   preconditions and fields computed from the current row);
// - changeTaskIfUnchanged: on the task as the caller read it, applied only if
//   nobody changed it since (optimistic; no lock, no re-read).
import type { Prisma } from "../db/generated/client";
import { getPrisma, type Tx } from "../db/prisma";
import { appendEvent } from "../events/append-event";
import { signalEventsCommitted } from "../events/event-signal";
import type { TaskEventType } from "../shared/event-types";
import type { TaskDetail, TaskEventDto } from "../shared/task-dto";
import type { TaskStatus } from "../shared/task-status";
import { assertTransition, isFinished } from "./state-machine";
import { taskDetailSelect, toTaskDetail, toTaskEventDto, toTaskSnapshot } from "./task-dto";
import { assertTaskId, taskNotFound } from "./task-id";
import { canChangeTask, canViewTask, type Viewer } from "../auth/permissions";
import { AppError } from "../shared/api-error";

type DetailRow = Prisma.TaskGetPayload<{ select: typeof taskDetailSelect }>;

/** Columns a change may set (no relations); identity, status and version belong to this module. */
export type TaskFields = Omit<
  Prisma.TaskUncheckedUpdateManyInput,
  "id" | "status" | "version" | "createdById" | "createdAt" | "updatedAt"
>;

/** A change decided in advance: where the task goes, what it sets, the event it records. */
export type DecidedChange = {
  /** The new status; omit to change fields without moving the task. */
  to?: TaskStatus;
  fields?: TaskFields;
  event: { type: TaskEventType; payload?: Prisma.InputJsonObject };
};

export type TaskChange = Omit<DecidedChange, "fields"> & {
  fields?: TaskFields | ((current: DetailRow) => TaskFields);
  /** A precondition checked on the locked row; throw an AppError to refuse. */
  check?: (current: DetailRow) => void;
  /** The person making the change; omitted for the system (pipeline, webhooks). */
  by?: Viewer;
};

/** The task as a caller read it: its version, the status it had at that version, and its creator (who never changes). */
export type SeenTask = { version: number; status: TaskStatus; creator: DetailRow["createdBy"] };

export type TaskChangeResult = { task: TaskDetail; event: TaskEventDto };

export async function changeTask(taskId: string, change: TaskChange): Promise<TaskChangeResult> {
  assertTaskId(taskId);
  return inTransaction(async (tx) => {
    // Lock first, so concurrent changes to one task apply one after the other.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tasks WHERE id = ${taskId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw taskNotFound(taskId);
    const current = await tx.task.findUniqueOrThrow({ where: { id: taskId }, select: taskDetailSelect });

    if (change.by) assertMayChange(change.by, current);
    change.check?.(current);
    const fields = typeof change.fields === "function" ? change.fields(current) : change.fields;
    const row = await write(tx, { id: taskId }, current.status, { ...change, fields });
    // Locked: the row is there. Its creator cannot change, so the one read above serves.
    return record(tx, { ...row!, createdBy: current.createdBy }, current.status, change);
  });
}

/**
 * Applies a change the caller decided from the task at `seen`, if the task is
 * still at that version: the UPDATE matches on version (and status, which a
 * version fixes), so a change committed meanwhile makes it match nothing and
 * this throws a conflict; the caller reads the task again and decides anew.
 * The transition is checked from the status the caller saw, which is the
 * task's status whenever the update applies.
 */
export async function changeTaskIfUnchanged(taskId: string, seen: SeenTask, change: DecidedChange): Promise<TaskChangeResult> {
  assertTaskId(taskId);
  return inTransaction(async (tx) => {
    const row = await write(tx, { id: taskId, version: seen.version, status: seen.status }, seen.status, change);
    if (!row) {
      const exists = await tx.task.count({ where: { id: taskId } });
      throw exists ? new AppError("conflict", "The task changed meanwhile") : taskNotFound(taskId);
    }
    // The creator never changes: the one the caller read serves for the snapshot.
    return record(tx, { ...row, createdBy: seen.creator }, seen.status, change);
  });
}

async function inTransaction(work: (tx: Tx) => Promise<TaskChangeResult>): Promise<TaskChangeResult> {
  const result = await getPrisma().$transaction(work);
  signalEventsCommitted();
  return result;
}

// The detail's own columns: selecting the creator relation too would make
// Prisma send a second SELECT of the task and one of the user after the UPDATE.
const { createdBy: _creator, ...taskColumns } = taskDetailSelect;
const writeSelect = { ...taskColumns, createdById: true } as const;

/** Moves the task matching `where` from `from`; undefined when no task matches. */
async function write(tx: Tx, where: Prisma.TaskWhereInput, from: TaskStatus, change: DecidedChange) {
  const to = change.to ?? from;
  if (to !== from) assertTransition(from, to);
  const [row] = await tx.task.updateManyAndReturn({
    where,
    data: {
      ...change.fields,
      status: to,
      version: { increment: 1 },
      ...(to !== from && { completedAt: isFinished(to) ? new Date() : null }),
    },
    select: writeSelect,
  });
  return row;
}

async function record(tx: Tx, row: DetailRow, from: TaskStatus, change: Pick<DecidedChange, "event">): Promise<TaskChangeResult> {
  const task = toTaskDetail(row);
  const event = await appendEvent(tx, {
    taskId: row.id,
    type: change.event.type,
    payload: { ...change.event.payload, ...(row.status !== from && { previousStatus: from, status: row.status }) },
    taskVersion: row.version,
    snapshot: toTaskSnapshot(task),
  });
  return { task, event: toTaskEventDto(event) };
}

/** A task the person may not see does not exist for them (404); one they may see but not change is a 403. */
function assertMayChange(by: Viewer, task: DetailRow): void {
  const owned = { isPrivate: task.isPrivate, creator: task.createdBy };
  if (!canViewTask(by, owned)) throw taskNotFound(task.id);
  if (!canChangeTask(by, owned)) throw new AppError("forbidden", "Only the task's creator or an admin may change it");
}
