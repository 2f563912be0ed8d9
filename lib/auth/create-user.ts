import "server-only";
import { z } from "zod";
import { getPrisma } from "../db/prisma";
import { parseWith } from "../http/read-json";
import { createUserSchema } from "../shared/account-schemas";
import { AppError } from "../shared/api-error";
import { getAuth } from "./auth";

/**
 * A password account made by an admin (the CLI): better-auth hashes the
 * password and writes the user and its credential account, as sign-up would,
 * but without sign-up being open.
 */
export async function createUser(input: z.input<typeof createUserSchema>) {
  // The API has parsed already; the CLI has not. One schema for both.
  const { login, password, admin = false, email, name } = parseWith(createUserSchema, input, "The account is invalid");
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
