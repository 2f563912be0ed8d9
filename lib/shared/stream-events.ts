// The stream's vocabulary, shared by the server that writes it and the browser
// that reads it. Every message is `event: <name>` with JSON `data:`; events that
// come from a TaskEvent carry its id (see lib/realtime/stream-messages.ts).
import { z } from "zod";
import { TASK_NOTICES } from "./task-notices";
import { PR_STATUSES, TASK_STATUSES } from "./task-status";

const version = z.number().int().positive();
const countsSchema = z.object({ active: z.number(), completed: z.number(), failed: z.number() });
const taskEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
const creatorSchema = z.object({ id: z.string(), login: z.string(), name: z.string().nullable(), avatarUrl: z.string().nullable() });

export const streamEventSchemas = {
  /** First message of every connection: who it is and where it starts. */
  ready: z.object({ connectionId: z.string(), lastEventId: z.string() }),
  /** The server cannot guarantee continuity for these topics: refetch them. */
  resync: z.object({ reason: z.string(), topics: z.array(z.string()) }),
  "task:state": z.object({ task: z.looseObject({ id: z.string(), version, events: z.array(taskEventSchema), lastEventId: z.string() }) }),
  "task:status_changed": z.object({
    taskId: z.string(),
    status: z.enum(TASK_STATUSES),
    previousStatus: z.enum(TASK_STATUSES),
    version,
    questions: z.array(z.string()).optional(),
    issueNumber: z.number().nullable().optional(),
    issueUrl: z.string().nullable().optional(),
    prNumber: z.number().nullable().optional(),
    prUrl: z.string().nullable().optional(),
    errorMessage: z.string().nullable().optional(),
  }),
  /** The task's changeable fields after the event (the task page's whole view but the submitted text). */
  "task:updated": z.object({ taskId: z.string(), version, task: z.looseObject({ id: z.string(), status: z.enum(TASK_STATUSES) }) }),
  /** The task became private and this viewer may no longer see it: drop it everywhere. */
  "task:revoked": z.object({ taskId: z.string() }),
  "task:event_added": z.object({ taskId: z.string(), version, event: taskEventSchema }),
  "task:pr_updated": z.object({
    taskId: z.string(),
    version,
    prNumber: z.number(),
    prUrl: z.string().nullable(),
    prStatus: z.enum(PR_STATUSES).nullable(),
    mergeCommitSha: z.string().nullable().optional(),
  }),
  "dashboard:state": z.object({
    tasks: z.array(z.looseObject({ id: z.string(), version })),
    total: z.number(),
    page: z.number(),
    limit: z.number(),
    counts: countsSchema,
    lastEventId: z.string(),
  }),
  "dashboard:task_list_updated": z.looseObject({
    taskId: z.string(),
    status: z.enum(TASK_STATUSES),
    title: z.string(),
    creator: creatorSchema,
    repo: z.string(),
    updatedAt: z.string(),
    version,
    /** Set when the event behind this update deserves a toast. */
    notice: z.enum(TASK_NOTICES).optional(),
  }),
  "dashboard:task_count_changed": countsSchema,
};

export type StreamEventName = keyof typeof streamEventSchemas;
export type StreamEventData<N extends StreamEventName> = z.infer<(typeof streamEventSchemas)[N]>;
export const STREAM_EVENT_NAMES = Object.keys(streamEventSchemas) as StreamEventName[];

/** Validates one received message; null for a name or shape we do not know. */
export function parseStreamEvent(name: string, data: string) {
  if (!(name in streamEventSchemas)) return null;
  const parsed = streamEventSchemas[name as StreamEventName].safeParse(JSON.parse(data));
  return parsed.success ? { name: name as StreamEventName, data: parsed.data } : null;
}
