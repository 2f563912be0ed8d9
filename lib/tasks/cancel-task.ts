import type { Viewer } from "../auth/permissions";
import { changeTask } from "./change-task";

/** Allowed only before dispatch; the state machine refuses it afterwards (409). */
export function cancelTask(taskId: string, by: Viewer) {
  return changeTask(taskId, {
    by, to: "cancelled", event: { type: "cancelled", payload: {} } });
}
