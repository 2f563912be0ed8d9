// Who may see a task: everyone signed in sees tasks that are not private; a
// private task only its creator and admins. Lists, details and every stream
// message go through this rule.
export type Viewer = { id: string; role: "member" | "admin" };
export type VisibleTask = { isPrivate: boolean; creator: { id: string } };

export function canViewTask(viewer: Viewer, task: VisibleTask): boolean {
  return !task.isPrivate || viewer.role === "admin" || task.creator.id === viewer.id;
}
