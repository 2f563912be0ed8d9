import "server-only";
// better-auth, on our Prisma client: password accounts (sign in with login or
// email), GitHub sign-in limited to GITHUB_ORG, sessions in cookies. The first
// account of an install becomes admin; after it, sign-up is closed and admins
// add people (npm run cli -- user create), or people sign in with GitHub.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth, username } from "better-auth/plugins";
import { getEnv } from "../config/env";
import { getPrisma } from "../db/prisma";
import { log } from "../observability/log";
import { LOGIN_PATTERN } from "../shared/account-schemas";
import { githubSignIn } from "./github-sign-in";

/** Whether anyone can sign in yet: until then, the first account made is the admin. */
export async function hasAccounts(): Promise<boolean> {
  return (await getPrisma().account.count()) > 0;
}

// Only for development and tests: production refuses to start without BETTER_AUTH_SECRET.
const DEVELOPMENT_SECRET = "conduit-development-secret-not-for-production-use";


function createAuth() {
  const env = getEnv();
  const prisma = getPrisma();
  return betterAuth({
    appName: "Conduit",
    secret: env.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
    baseURL: env.APP_URL,
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    user: {
      fields: { image: "avatarUrl" },
      additionalFields: { role: { type: "string", input: false, defaultValue: "member" } },
    },
    // A signed copy of the session in a cookie for a minute: stream connects and
    // page loads need no session query, and a revoked session lasts at most that long.
    session: { cookieCache: { enabled: true, maxAge: 60 } },
    emailAndPassword: { enabled: true, minPasswordLength: 10 },
    // Our own limiter (lib/limits) guards sign-in, shared across instances.
    rateLimit: { enabled: false },
    // Into our JSON logs: the message, and an error's type and message if one came with it (nothing else: it may hold secrets).
    logger: {
      level: "warn",
      log: (level, message, ...args) => {
        const err = args.find((a): a is Error => a instanceof Error);
        log[level]({ source: "better-auth", ...(err && { err }) }, message);
      },
    },
    advanced: {
      cookiePrefix: "conduit",
      database: { generateId: "uuid" },
      // HttpOnly and SameSite=Lax always (better-auth's defaults); Secure in production unless APP_URL is plain http.
      useSecureCookies: env.NODE_ENV === "production" && !env.APP_URL?.startsWith("http://"),
    },
    databaseHooks: {
      user: {
        create: {
          // The first account of an install is the admin; the CLI may make more (--admin).
          before: async (user) => ({ data: { ...user, role: user.role === "admin" || !(await hasAccounts()) ? "admin" : "member" } }),
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-up/email" && (await hasAccounts())) {
          throw new APIError("FORBIDDEN", { message: "Sign-up is closed: ask an admin for an account, or sign in with GitHub" });
        }
      }),
    },
    plugins: [
      username({
        schema: { user: { fields: { username: "login" } } },
        minUsernameLength: 1,
        maxUsernameLength: 39,
        usernameValidator: (name) => LOGIN_PATTERN.test(name),
      }),
      ...(env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET ? [genericOAuth({ config: [githubSignIn(env)] })] : []),
      nextCookies(),
    ],
  });
}

type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { conduitAuth?: { prisma: unknown; env: unknown; auth: Auth } };

/** One instance per process, database and settings (tests switch both). */
export function getAuth(): Auth {
  const prisma = getPrisma();
  const env = getEnv();
  if (holder.conduitAuth?.prisma !== prisma || holder.conduitAuth.env !== env) holder.conduitAuth = { prisma, env, auth: createAuth() };
  return holder.conduitAuth.auth;
}
