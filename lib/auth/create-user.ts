import "server-only";
import { AppError } from "../shared/api-error";
import { getPrisma } from "../db/prisma";
import { getAuth, LOGIN_PATTERN } from "./auth";

type NewUser = { login: string; password: string; admin?: boolean; email?: string; name?: string };

/**
 * A password account made by an admin (the CLI): better-auth hashes the
 * password and writes the user and its credential account, as sign-up would,
 * but without sign-up being open.
 */
export async function createUser({ login, password, admin = false, email, name }: NewUser) {
  if (!LOGIN_PATTERN.test(login)) throw new AppError("validation_failed", "A login is letters, digits, dots, dashes or underscores, 1–39 long", [{ path: "login", message: "Letters, digits, dots, dashes or underscores, 1–39 long" }]);
  if (password.length < 10) throw new AppError("validation_failed", "A password has at least 10 characters", [{ path: "password", message: "At least 10 characters" }]);
  const normalized = login.toLowerCase();
  if (await getPrisma().user.findUnique({ where: { login: normalized }, select: { id: true } })) {
    throw new AppError("conflict", `The login ${normalized} is taken`);
  }
  const context = await getAuth().$context;
  const user = await context.internalAdapter.createUser({
    email: (email ?? `${normalized}@users.conduit.invalid`).toLowerCase(),
    name: name ?? login,
    username: normalized,
    displayUsername: login,
    role: admin ? "admin" : "member",
  }, { method: "admin" });
  await context.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: await context.password.hash(password),
  });
  return getPrisma().user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, login: true, role: true, email: true } });
}
