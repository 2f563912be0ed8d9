import { changeTask } from "./change-task";

/** failed → received; the pipeline then picks the task up from where it failed. */
export function retryTask(taskId: string) {
  return changeTask(taskId, {
    to: "received",
    fields: { errorMessage: null },
    event: { type: "retried", payload: {} },
  });
}
