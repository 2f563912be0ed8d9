// People for in-process route tests: a user row and an API key each, made
// straight in the test database (no password needed). The default caller is
// an admin; tests of permissions ask for members by name.
import { createApiKey } from "@/lib/auth/api-keys";
import { getPrisma } from "@/lib/db/prisma";

export type TestUser = { id: string; login: string; role: "member" | "admin"; key: string };

const made = new WeakMap<object, Map<string, Promise<TestUser>>>();

export function testUser(login = "admin", role: "member" | "admin" = login === "admin" ? "admin" : "member"): Promise<TestUser> {
  const prisma = getPrisma();
  let users = made.get(prisma);
  if (!users) made.set(prisma, (users = new Map()));
  let user = users.get(login);
  if (!user) {
    user = (async () => {
      const row = await prisma.user.create({ data: { login, name: login, email: `${login}@conduit.test`, role }, select: { id: true, login: true } });
      return { ...row, role, key: (await createApiKey(row.id, "tests")).key };
    })();
    users.set(login, user);
  }
  return user;
}
