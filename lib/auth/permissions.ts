// Who may do what with a task; the one home of these rules. Lists, details,
// counts and every stream message use canViewTask; every change a person makes
// goes through canChangeTask (in lib/tasks/change-task.ts).
export type Viewer = { id: string; role: "member" | "admin" };
export type VisibleTask = { isPrivate: boolean; creator: { id: string } };

/** Everyone signed in sees tasks that are not private; a private task, only its creator and admins. */
export function canViewTask(viewer: Viewer, task: VisibleTask): boolean {
  return !task.isPrivate || viewer.role === "admin" || task.creator.id === viewer.id;
}

/** Clarify, retry, cancel, choose the agent, change privacy: the creator or an admin. */
export function canChangeTask(viewer: Viewer, task: { creator: { id: string } }): boolean {
  return viewer.role === "admin" || task.creator.id === viewer.id;
}
