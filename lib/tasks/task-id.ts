import { AppError } from "../shared/api-error";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function taskNotFound(taskId: string): AppError {
  return new AppError("not_found", `No task with id ${taskId}`);
}

export const isTaskId = (value: string) => UUID.test(value);

/** A malformed id names no task: 404, never a database cast error. */
export function assertTaskId(taskId: string): void {
  if (!isTaskId(taskId)) throw taskNotFound(taskId);
}
