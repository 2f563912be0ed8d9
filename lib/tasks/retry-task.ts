import type { Viewer } from "../auth/permissions";
import { changeTask } from "./change-task";

/** failed → received; the pipeline then picks the task up from where it failed. */
export function retryTask(taskId: string, by: Viewer) {
  return changeTask(taskId, {
    by,
    to: "received",
    fields: { errorMessage: null },
    event: { type: "retried", payload: {} },
  });
}
