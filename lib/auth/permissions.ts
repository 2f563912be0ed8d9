// Who may do what; the one home of these rules. Lists, details,
// counts and every stream message use canViewTask (or visibleTo, the same rule
// as a query); every change a person makes goes through canChangeTask (in
// lib/tasks/change-task.ts).
import type { Prisma } from "../db/generated/client";
export type Viewer = { id: string; role: "member" | "admin" };
export type VisibleTask = { isPrivate: boolean; creator: { id: string } };

/** Everyone signed in sees tasks that are not private; a private task, only its creator and admins. */
export function canViewTask(viewer: Viewer, task: VisibleTask): boolean {
  return !task.isPrivate || viewer.role === "admin" || task.creator.id === viewer.id;
}

/** canViewTask as a Prisma filter, for lists and counts. */
export function visibleTo(viewer: Viewer): Prisma.TaskWhereInput {
  return viewer.role === "admin" ? {} : { OR: [{ isPrivate: false }, { createdById: viewer.id }] };
}

/** The tasks canViewTask refuses, as a filter; null when the viewer may see every task. */
export function hiddenFrom(viewer: Viewer): Prisma.TaskWhereInput | null {
  return viewer.role === "admin" ? null : { isPrivate: true, createdById: { not: viewer.id } };
}

/** The install's operations (webhook deliveries and their reprocessing, adding accounts): admins only. */
export function isAdmin(viewer: Viewer): boolean {
  return viewer.role === "admin";
}

/** Clarify, retry, cancel, choose the agent, change privacy: the creator or an admin. */
export function canChangeTask(viewer: Viewer, task: { creator: { id: string } }): boolean {
  return viewer.role === "admin" || task.creator.id === viewer.id;
}
