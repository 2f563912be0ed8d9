// Inputs about people and their keys, shared by the API, the CLI and better-auth's config.
import { z } from "zod";

/** Logins as GitHub allows them (letters, digits, dots, dashes, underscores; 1–39), wider than better-auth's default. */
export const LOGIN_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,38})$/i;

/** POST /api/keys: a name to tell the key apart later. */
export const createApiKeySchema = z.strictObject({
  name: z.string({ error: "Name the key" }).trim().min(1, "Name the key").max(100, "At most 100 characters"),
});

/** POST /api/users (admins): a password account. */
export const createUserSchema = z.strictObject({
  login: z.string({ error: "Give a login" }).trim().regex(LOGIN_PATTERN, "Letters, digits, dots, dashes or underscores, 1–39 long"),
  password: z.string({ error: "Give a password" }).min(10, "At least 10 characters").max(200, "At most 200 characters"),
  admin: z.boolean().optional(),
  email: z.email("Not an email address").optional(),
  name: z.string().trim().min(1).max(100).optional(),
});
