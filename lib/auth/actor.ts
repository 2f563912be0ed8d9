import type { UserSummary } from "../shared/task-dto";

/** Who is asking: a signed-in person or the owner of an API key. */
export type Actor = UserSummary & { role: "member" | "admin" };

export const actorSelect = { id: true, login: true, name: true, avatarUrl: true, role: true } as const;
