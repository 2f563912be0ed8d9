import "server-only";
import type { PrismaClient } from "../db/generated/client";
import { getPrisma } from "../db/prisma";
import type { UserSummary } from "../shared/task-dto";

export type Actor = UserSummary & { role: "member" | "admin" };

// Until sign-in exists (issue 7), every request acts as one built-in local
// administrator. Everything that needs "who is asking" goes through here, so
// sign-in replaces this function and nothing else.
export const LOCAL_USER_LOGIN = "local";

const cache = new WeakMap<PrismaClient, Promise<Actor>>();

export function currentUser(_request: Request): Promise<Actor> {
  const prisma = getPrisma();
  let actor = cache.get(prisma);
  if (!actor) {
    actor = prisma.user.upsert({
      where: { login: LOCAL_USER_LOGIN },
      create: { login: LOCAL_USER_LOGIN, name: "Local user", role: "admin" },
      update: {},
      select: { id: true, login: true, name: true, avatarUrl: true, role: true },
    });
    actor.catch(() => cache.delete(prisma));
    cache.set(prisma, actor);
  }
  return actor;
}
