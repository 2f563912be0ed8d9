// From one TaskEvent to the stream messages it yields. Live fan-out and replay
// both build messages here, from the event row and its stored snapshot, so a
// resumed client receives exactly what a connected one did.
import { canViewTask, type Viewer } from "../auth/permissions";
import type { StreamEventRow } from "../events/event-row";
import type { StreamEventData, StreamEventName } from "../shared/stream-events";
import { taskTopic, type Topic } from "../shared/stream-topics";
import { listFieldsOf, type TaskSnapshot } from "../shared/task-dto";
import { noticeOf } from "../shared/task-notices";
import { countsChangeOf, type CountsChange } from "../tasks/live-counts";
import type { TaskStatus } from "../shared/task-status";
import { encodeText, sseText } from "./sse-encode";


type Part = { event: StreamEventName; data: unknown };

/**
 * The messages of one event, serialized once. A connection receives the task
 * part, the dashboard part or both, and `id:` stands only on the last message
 * it receives: a connection cut inside the group resumes before the group.
 */
export class MessageGroup {
  readonly id: bigint;
  readonly taskId: string;
  readonly taskTopic: Topic;
  readonly snapshot: TaskSnapshot | null;
  /** What this event did to the dashboard's counts (null: nothing). */
  readonly countsChange: CountsChange | null;
  private readonly row: StreamEventRow;
  private readonly payload: Record<string, unknown>;
  /** Built on first need: a replay to a dashboard-only stream never needs the task's messages. */
  private taskParts?: Part[];
  private dashboardParts?: Part[];
  /** The task became private with this event: those who may no longer see it are told to drop it. */
  private readonly revokes: boolean;
  private revoked?: Uint8Array;
  /** Encoded bytes by subscription: index 2·task + dashboard (read once per connection and event, so no key string). */
  private readonly encoded: (Uint8Array | null | undefined)[] = [];

  constructor(row: StreamEventRow) {
    this.id = row.id;
    this.taskId = row.taskId;
    this.taskTopic = taskTopic(row.taskId);
    this.snapshot = (row.snapshot as TaskSnapshot | null) ?? null;
    this.row = row;
    this.payload = (row.payload ?? {}) as Record<string, unknown>;
    this.countsChange = countsChangeOf(row.type, this.payload, this.snapshot);
    this.revokes = row.type === "visibility_changed" && this.snapshot?.isPrivate === true;
  }

  /** Without a snapshot there is no privacy flag to check: admins only. */
  visibleTo(viewer: Viewer): boolean {
    return this.snapshot ? canViewTask(viewer, this.snapshot) : viewer.role === "admin";
  }

  /**
   * What one viewer receives of this event: its messages if they may see the
   * task; `task:revoked` if this event just made it private to them; else nothing.
   */
  bytesForViewer(viewer: Viewer, task: boolean, dashboard: boolean): Uint8Array | null {
    if (this.visibleTo(viewer)) return this.bytesFor(task, dashboard);
    if (!this.revokes || (!task && !dashboard)) return null;
    this.revoked ??= encodeText(sseText({ event: "task:revoked", data: { taskId: this.taskId }, id: this.id.toString() }));
    return this.revoked;
  }

  /** The bytes for a connection subscribed to the task, the dashboard, or both. */
  bytesFor(task: boolean, dashboard: boolean): Uint8Array | null {
    const slot = (task ? 2 : 0) + (dashboard ? 1 : 0);
    let bytes = this.encoded[slot];
    if (bytes === undefined) {
      const parts = [
        ...(task ? (this.taskParts ??= buildTaskParts(this.row, this.payload, this.snapshot)) : []),
        ...(dashboard ? (this.dashboardParts ??= buildDashboardParts(this.row, this.payload, this.snapshot)) : []),
      ];
      const text = parts.map((p, i) => sseText({ event: p.event, data: p.data, id: i === parts.length - 1 ? this.id.toString() : undefined }));
      bytes = this.encoded[slot] = parts.length ? encodeText(text.join("")) : null;
    }
    return bytes;
  }
}

function buildTaskParts(row: StreamEventRow, payload: Record<string, unknown>, snapshot: TaskSnapshot | null): Part[] {
  const taskId = row.taskId;
  const version = row.taskVersion;
  const parts: Part[] = [];
  const task = (event: StreamEventName, data: unknown) => parts.push({ event, data });

  if (snapshot) {
    const updated: StreamEventData<"task:updated"> = { taskId, version, task: snapshot };
    task("task:updated", updated);
  }
  if (snapshot && typeof payload.previousStatus === "string") {
    const changed: StreamEventData<"task:status_changed"> = {
      taskId,
      status: snapshot.status,
      previousStatus: payload.previousStatus as TaskStatus,
      version,
      questions: snapshot.clarificationQuestions,
      issueNumber: snapshot.githubIssueNumber,
      issueUrl: snapshot.githubIssueUrl,
      prNumber: snapshot.githubPrNumber,
      prUrl: snapshot.githubPrUrl,
      errorMessage: snapshot.errorMessage,
    };
    task("task:status_changed", changed);
  }
  if (snapshot?.githubPrNumber != null && row.type.startsWith("pr_")) {
    const pr: StreamEventData<"task:pr_updated"> = {
      taskId,
      version,
      prNumber: snapshot.githubPrNumber,
      prUrl: snapshot.githubPrUrl,
      prStatus: snapshot.githubPrStatus,
      mergeCommitSha: snapshot.mergeCommitSha,
    };
    task("task:pr_updated", pr);
  }
  const added: StreamEventData<"task:event_added"> = {
    taskId,
    version,
    event: { id: row.id.toString(), type: row.type, payload, createdAt: row.createdAt.toISOString() },
  };
  task("task:event_added", added);
  return parts;
}

function buildDashboardParts(row: StreamEventRow, payload: Record<string, unknown>, snapshot: TaskSnapshot | null): Part[] {
  if (!snapshot) return [];
  const notice = noticeOf(row.type, payload);
  const listed: StreamEventData<"dashboard:task_list_updated"> = { taskId: row.taskId, ...listFieldsOf(snapshot), ...(notice && { notice }) };
  return [{ event: "dashboard:task_list_updated", data: listed }];
}
