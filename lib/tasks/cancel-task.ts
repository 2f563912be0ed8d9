import { changeTask } from "./change-task";

/** Allowed only before dispatch; the state machine refuses it afterwards (409). */
export function cancelTask(taskId: string) {
  return changeTask(taskId, { to: "cancelled", event: { type: "cancelled", payload: {} } });
}
