import type { Viewer } from "../auth/permissions";
import { changeTask } from "./change-task";

/**
 * Makes a task private (its creator and admins only) or public. Viewers who
 * lose sight of it receive `task:revoked` on their streams (stream-messages.ts).
 */
export function setTaskPrivacy(taskId: string, isPrivate: boolean, by: Viewer) {
  return changeTask(taskId, {
    by,
    unchangedIf: (current) => current.isPrivate === isPrivate,
    fields: { isPrivate },
    event: { type: "visibility_changed", payload: { isPrivate } },
  });
}
