// Task columns for the plain statements of the webhook path (find-task.ts,
// change-task.ts), named from the same selects Prisma's queries use, so a field
// added there is read here too.
import { columnOf } from "../db/column-of";
import { taskDetailSelect, userSummarySelect } from "./task-dto";

/** What a webhook handler decides from and a change starts from: the task's detail, plus when its PR last changed. */
export const taskStateSelect = { ...taskDetailSelect, githubPrUpdatedAt: true } as const;

const { createdBy: _creator, ...stateFields } = taskStateSelect;
const creatorJson = Object.keys(userSummarySelect)
  .map((field) => `'${field}', u.${columnOf(field)}`)
  .join(", ");

/**
 * SELECT of a task's state under Prisma's field names, its creator joined in.
 * Enum values come as stored ("claude-code" where Prisma says claude_code);
 * toTaskDetail reads both.
 */
export const SELECT_TASK_STATE = `SELECT ${Object.keys(stateFields)
  .map((field) => `t.${columnOf(field)} AS "${field}"`)
  .join(", ")}, json_build_object(${creatorJson}) AS "createdBy" FROM tasks t JOIN users u ON u.id = t.created_by_id`;
