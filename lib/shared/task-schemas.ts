// Input schemas shared by the API route handlers and the browser forms, so the
// UI reports the same field errors the server would.
import { z } from "zod";
import { ACTIVE_STATUSES, AGENTS, FINISHED_STATUSES, PRIORITIES, TASK_STATUSES, TASK_TYPES, type TaskStatus } from "./task-status";

/** JSON clients send null, HTML forms send "": both mean "not given". */
const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null || v === "" ? undefined : v), schema.optional());

export const repoSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, "Use the form owner/name");

const filesSchema = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((f) => f.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(500, "A file path is at most 500 characters")).max(100, "At most 100 files"));

export const createTaskSchema = z.strictObject({
  description: z
    .string({ error: "Describe the task" })
    .trim()
    .min(10, "Describe the task in at least 10 characters")
    .max(10_000, "At most 10,000 characters"),
  type: blankAsAbsent(z.enum(TASK_TYPES)),
  repo: blankAsAbsent(repoSchema),
  files: blankAsAbsent(filesSchema),
  acceptanceCriteria: blankAsAbsent(z.string().trim().max(10_000, "At most 10,000 characters")),
  priority: blankAsAbsent(z.enum(PRIORITIES)),
  isPrivate: blankAsAbsent(z.boolean()),
  agent: blankAsAbsent(z.enum(AGENTS)),
  // Slack is reserved for the Slack integration; people and scripts are web or api.
  source: blankAsAbsent(z.enum(["web", "api"])),
});
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const clarifyTaskSchema = z.strictObject({
  answers: z
    .array(z.string().trim().min(1, "Answer every question").max(5_000, "At most 5,000 characters"))
    .min(1, "Answer every question")
    .max(3, "There are at most three questions"),
});
export type ClarifyTaskInput = z.infer<typeof clarifyTaskSchema>;

/**
 * PATCH /api/tasks/:id: choose the agent before dispatch (null goes back to
 * the recommendation), and make the task private or public.
 */
export const updateTaskSchema = z
  .strictObject({
    agent: z.enum(AGENTS, { error: `Choose one of ${AGENTS.join(", ")}, or null for the recommended agent` }).nullable().optional(),
    isPrivate: z.boolean({ error: "true or false" }).optional(),
  })
  .refine((v) => v.agent !== undefined || v.isPrivate !== undefined, { message: "Give agent or isPrivate", path: ["agent"] });
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 100;

/** Names for status groups, accepted wherever a status filter is. */
const STATUS_GROUPS = { active: ACTIVE_STATUSES, finished: FINISHED_STATUSES } as const;
const statusFilterSchema = z.enum([...TASK_STATUSES, ...(Object.keys(STATUS_GROUPS) as (keyof typeof STATUS_GROUPS)[])]);

/**
 * Query of GET /api/tasks; several statuses come as repeated or comma-joined
 * `status`, and a group name (active, finished) stands for its statuses.
 */
export const listTasksQuerySchema = z.strictObject({
  status: blankAsAbsent(
    z
      .array(z.string())
      .transform((v) => v.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(statusFilterSchema))
      .transform((v) => [...new Set(v.flatMap((s) => (s in STATUS_GROUPS ? STATUS_GROUPS[s as keyof typeof STATUS_GROUPS] : [s as TaskStatus])))]),
  ),
  repo: blankAsAbsent(repoSchema),
  creator: blankAsAbsent(z.string().trim().max(100)),
  mine: blankAsAbsent(z.stringbool()),
  q: blankAsAbsent(z.string().trim().max(200, "At most 200 characters")),
  page: blankAsAbsent(z.coerce.number().int().min(1).max(100_000)),
  limit: blankAsAbsent(z.coerce.number().int().min(1).max(LIST_LIMIT_MAX)),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

