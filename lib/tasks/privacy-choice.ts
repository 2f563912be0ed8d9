import type { Viewer } from "../auth/permissions";
import type { TaskChange } from "./change-task";

/**
 * Makes a task private (its creator and admins only) or public. Viewers who
 * lose sight of it receive `task:revoked` on their streams (stream-messages.ts).
 */
export function privacyChoice(isPrivate: boolean, by: Viewer): TaskChange {
  return {
    by,
    unchangedIf: (current) => current.isPrivate === isPrivate,
    fields: { isPrivate },
    event: { type: "visibility_changed", payload: { isPrivate } },
  };
}
