// Task columns for the plain statements of the webhook path (find-task.ts,
// change-task.ts), named from the same selects Prisma's queries use, so a field
// added there is read here too.
import { columnOf } from "../db/column-of";
import type { Prisma } from "../db/generated/client";
import { taskDetailSelect, userSummarySelect } from "./task-dto";

/** What a webhook handler decides from and a change starts from: the task's detail, plus when its PR last changed. */
export const taskStateSelect = { ...taskDetailSelect, githubPrUpdatedAt: true } as const;
/** The task as a handler reads it; a change is decided from it and applied only at its version (change-task.ts). */
export type TaskState = Prisma.TaskGetPayload<{ select: typeof taskStateSelect }>;

const { createdBy: _creator, ...stateFields } = taskStateSelect;
const columns = Object.keys(stateFields)
  .map((field) => `t.${columnOf(field)} AS "${field}"`)
  .join(", ");
const creatorJson = Object.keys(userSummarySelect)
  .map((field) => `'${field}', u.${columnOf(field)}`)
  .join(", ");

/**
 * The first task matching `where` (over `t`, the task, and `u`, its creator),
 * as one json value `task` under Prisma's field names; toTaskState reads it.
 * Enum values come as stored ("claude-code" where Prisma says claude_code);
 * toTaskDetail reads both.
 *
 * One value rather than a column per field: node-postgres handles the ~35
 * columns' description anew for every statement and parses each field with
 * its own parser (dates by regular expression), where one json value is parsed
 * natively in one go. A look-up cost this process 102-125 µs of CPU as
 * columns and 73-99 µs as json (tests/bench/lookup-cost.ts), and a delivery
 * makes one to four.
 */
export const selectTaskState = (where: string) =>
  `SELECT row_to_json(s) AS task FROM (SELECT ${columns}, json_build_object(${creatorJson}) AS "createdBy"
   FROM tasks t JOIN users u ON u.id = t.created_by_id WHERE ${where} LIMIT 1) s`;

type DateField = { [K in keyof TaskState]: Date extends TaskState[K] ? K : never }[keyof TaskState];
const DATE_FIELDS = ["createdAt", "updatedAt", "dispatchedAt", "completedAt", "githubPrUpdatedAt"] as const satisfies readonly DateField[];
// Every date field is listed: adding one to the selects without listing it here fails to compile.
const everyDateListed: Exclude<DateField, (typeof DATE_FIELDS)[number]> extends never ? true : never = true;
void everyDateListed;

/** The task as selectTaskState's json gave it: its timestamps (ISO strings there) as dates again. */
export function toTaskState(json: Record<string, unknown>): TaskState {
  for (const field of DATE_FIELDS) if (typeof json[field] === "string") json[field] = new Date(json[field]);
  return json as TaskState;
}
