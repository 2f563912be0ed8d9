// The one way an existing task changes: check the transition, apply the fields,
// bump the version and append the TaskEvent, all in one transaction. Callers
// describe the change; they never write tasks themselves. Two entries:
// - changeTask: under a row lock, on the task as it is now (permission checks,
//   preconditions and fields computed from the current row); changeTaskInSteps
//   applies several such changes of one request in one transaction;
// - changeTaskIfUnchanged: on the task as the caller read it, applied only if
//   nobody changed it since (optimistic; no lock, no re-read; one plain SQL
//   statement, as it runs on every webhook delivery).
// Both take the status rule (transition) and the event's payload from here.
import type { Prisma } from "../db/generated/client";
import { getPrisma, sql, type Tx } from "../db/prisma";
import { appendEvent, appendEventAfter } from "../events/append-event";
import { toStreamEventRow, type RawStreamEventRow, type StreamEventRow } from "../events/event-row";
import { signalEventsCommitted } from "../events/event-signal";
import type { TaskEventType } from "../shared/event-types";
import type { TaskDetail, TaskEventDto } from "../shared/task-dto";
import type { TaskStatus } from "../shared/task-status";
import { assertTransition, isFinished } from "./state-machine";
import type { TaskState } from "./find-task";
import { columnOf } from "../db/column-of";
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

/** Columns a webhook's change may set: the pull request's, as plain values (written by plain SQL, see changeTaskIfUnchanged). */
export type PullRequestFields = Partial<
  Pick<TaskState, "githubPrNumber" | "githubPrUrl" | "githubPrStatus" | "githubBranch" | "githubPrUpdatedAt" | "mergeCommitSha" | "errorMessage">
>;

/** A change decided in advance: where the task goes, what it sets, the event it records. */
export type DecidedChange = {
  /** The new status; omit to change fields without moving the task. */
  to?: TaskStatus;
  fields?: PullRequestFields;
  event: { type: TaskEventType; payload?: Prisma.InputJsonObject };
};

export type TaskChange = Omit<DecidedChange, "fields"> & {
  fields?: TaskFields | ((current: DetailRow) => TaskFields);
  /** A precondition checked on the locked row; throw an AppError to refuse. */
  check?: (current: DetailRow) => void;
  /**
   * True when the locked row already is as the change would leave it: the task
   * is answered as it is and nothing is written or recorded, so a request
   * repeated (a double click, a client's retry) adds no version and no event.
   */
  unchangedIf?: (current: DetailRow) => boolean;
  /** The person making the change; omitted for the system (pipeline, webhooks). */
  by?: Viewer;
};

export type TaskChangeResult = { task: TaskDetail; event: TaskEventDto };

/** `event` is null when `unchangedIf` held and nothing was written. */
export async function changeTask(taskId: string, change: TaskChange): Promise<{ task: TaskDetail; event: TaskEventDto | null }> {
  const { task, events } = await changeTaskInSteps(taskId, [change]);
  return { task, event: events[0] ?? null };
}

/**
 * Several changes of one request (PATCH with an agent and a privacy), in order,
 * in one transaction: each is checked on the task as the steps before left it
 * and records its own version and event, and either all are written or none.
 * `events` holds those of the steps that changed something.
 */
export async function changeTaskInSteps(taskId: string, changes: TaskChange[]): Promise<{ task: TaskDetail; events: TaskEventDto[] }> {
  assertTaskId(taskId);
  const result = await getPrisma().$transaction(async (tx) => {
    // Lock first, so concurrent changes to one task apply one after the other.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tasks WHERE id = ${taskId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw taskNotFound(taskId);
    let current = await tx.task.findUniqueOrThrow({ where: { id: taskId }, select: taskDetailSelect });
    let task: TaskDetail | undefined; // of `current`, once a step has written it
    const appended: StreamEventRow[] = [];
    for (const change of changes) {
      if (change.by) assertMayChange(change.by, current);
      change.check?.(current);
      if (change.unchangedIf?.(current)) continue;
      const fields = typeof change.fields === "function" ? change.fields(current) : change.fields;
      const row = await write(tx, taskId, current.status, { ...change, fields });
      // Locked: the row is there. Its creator cannot change, so the one read above serves.
      const next: DetailRow = { ...row!, createdBy: current.createdBy };
      task = toTaskDetail(next);
      appended.push(await record(tx, task, current, change));
      current = next;
    }
    return { task: task ?? toTaskDetail(current), appended };
  });
  if (result.appended.length > 0) signalEventsCommitted(result.appended);
  return { task: result.task, events: result.appended.map(toTaskEventDto) };
}

/**
 * A write that belongs with a change (recording the webhook delivery that caused
 * it, delivery-store.ts): a CTE of the change's statement, so it costs no round
 * trip and commits only with the change. `changed` names the CTE holding the
 * changed task's id (none if the change did not apply); its parameters are
 * numbered from `firstParam`.
 */
export type AlongWithChange = (changed: string, firstParam: number) => { cte: string; params: unknown[] };

/**
 * Applies a change the caller decided from the task as it read it (`seen`), if
 * the task is still at that version; otherwise throws a conflict and the caller
 * reads the task again and decides anew (webhooks: apply-to-task.ts).
 *
 * The webhook path, so one plain statement (find-task.ts says why): the UPDATE
 * matches on the version (and status) read and the event is appended in the
 * same statement (append-event.ts). Matching the version means the row written
 * is exactly `seen` with this change, so the task and its snapshot are computed
 * here rather than read back.
 */
export async function changeTaskIfUnchanged(seen: TaskState, change: DecidedChange, along?: AlongWithChange): Promise<TaskChangeResult> {
  assertTaskId(seen.id);
  const now = new Date();
  const moved = transition(seen.status, change.to, now);
  const values = { ...change.fields, ...moved, updatedAt: now };
  const task = toTaskDetail({ ...seen, ...values, version: seen.version + 1 });
  const sets = Object.entries(values).filter(([, value]) => value !== undefined);
  const params: unknown[] = [seen.id, seen.version, seen.status, ...sets.map(([, value]) => value)];
  const last = params.length;
  params.push(change.event.type, JSON.stringify(eventPayload(change, seen, task)), JSON.stringify(toTaskSnapshot(task)));
  const alongside = along?.("changed", params.length + 1);
  if (alongside) params.push(...alongside.params);
  const [appended] = await sql<RawStreamEventRow>(
    `WITH changed AS (
      UPDATE tasks SET version = version + 1, ${sets.map(([field], i) => `${columnOf(field)} = $${i + 4}`).join(", ")}
      WHERE id = $1::uuid AND version = $2 AND status = $3 RETURNING id, version)${alongside ? `, ${alongside.cte}` : ""}
    ${appendEventAfter("changed", [last + 1, last + 2, last + 3])}`,
    params,
  );
  if (!appended) {
    const [exists] = await sql("SELECT 1 FROM tasks WHERE id = $1::uuid", [seen.id]);
    throw exists ? new AppError("conflict", "The task changed meanwhile") : taskNotFound(seen.id);
  }
  const event = toStreamEventRow(appended);
  signalEventsCommitted([event]);
  return { task, event: toTaskEventDto(event) };
}

// The detail's own columns: selecting the creator relation too would make
// Prisma send a second SELECT of the task and one of the user after the UPDATE.
const { createdBy: _creator, ...taskColumns } = taskDetailSelect;
const writeSelect = { ...taskColumns, createdById: true } as const;

/** Moves the (locked) task from `from`. */
async function write(tx: Tx, id: string, from: TaskStatus, change: { to?: TaskStatus; fields?: TaskFields }) {
  const [row] = await tx.task.updateManyAndReturn({
    where: { id },
    data: { ...change.fields, ...transition(from, change.to, new Date()), version: { increment: 1 } },
    select: writeSelect,
  });
  return row;
}

/** The status a change leaves the task in (checked), and when a move finishes or reopens it. */
function transition(from: TaskStatus, to: TaskStatus = from, now: Date): { status: TaskStatus; completedAt?: Date | null } {
  if (to === from) return { status: to };
  assertTransition(from, to);
  return { status: to, completedAt: isFinished(to) ? now : null };
}

type StatusAndPrivacy = { status: TaskStatus; isPrivate: boolean };

/**
 * An event says what moved: the status it left and the one it entered, and
 * the privacy it left when it set one. The hub keeps the dashboard's counts
 * from exactly these (live-counts.ts).
 */
const eventPayload = (change: Pick<DecidedChange, "event">, from: StatusAndPrivacy, to: StatusAndPrivacy): Prisma.InputJsonObject => ({
  ...change.event.payload,
  ...(to.status !== from.status && { previousStatus: from.status, status: to.status }),
  ...(to.isPrivate !== from.isPrivate && { previousIsPrivate: from.isPrivate, isPrivate: to.isPrivate }),
});

function record(tx: Tx, task: TaskDetail, from: StatusAndPrivacy, change: Pick<DecidedChange, "event">) {
  return appendEvent(tx, {
    taskId: task.id,
    type: change.event.type,
    payload: eventPayload(change, from, task),
    taskVersion: task.version,
    snapshot: toTaskSnapshot(task),
  });
}

/** A task the person may not see does not exist for them (404); one they may see but not change is a 403. */
function assertMayChange(by: Viewer, task: DetailRow): void {
  const owned = { isPrivate: task.isPrivate, creator: task.createdBy };
  if (!canViewTask(by, owned)) throw taskNotFound(task.id);
  if (!canChangeTask(by, owned)) throw new AppError("forbidden", "Only the task's creator or an admin may change it");
}
