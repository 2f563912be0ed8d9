import "server-only";
// Abuse limits, one table of them, counted by rate-limiter-flexible: in the
// database on PostgreSQL (so every instance shares the counts), in memory on
// the embedded database (one process). Limits on stream connections are
// counted per instance (`local`): a connection lives and dies with its
// instance, and counting each connect and close in the database cost eight
// round trips per connection. Over a limit: 429 with Retry-After.
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv, type Env } from "../config/env";
import { getDatabase, getPrisma } from "../db/prisma";
import { AppError } from "../shared/api-error";

/**
 * `held`: a count of open things (slots), not of attempts, so a refused attempt takes no slot.
 * `local`: counted in this instance's memory even on PostgreSQL.
 */
type Limit = { points: (env: Env) => number; seconds: (env: Env) => number; what: string; held?: boolean; local?: boolean };

const LIMITS = {
  createTask: { points: (env) => env.TASKS_PER_MINUTE, seconds: () => 60, what: "Task creation is limited per minute" },
  signIn: { points: () => 10, seconds: () => 60, what: "Too many sign-in attempts from this address" },
  // A count of open things: a slot is given back when its stream closes, and a held
  // slot expires after the longest a stream lives, so a lost release leaks none for long.
  openStream: {
    points: (env) => env.STREAMS_PER_USER,
    seconds: (env) => Math.ceil((env.STREAM_LIFETIME_MS * 1.2) / 1000),
    what: "Open streams per person are limited",
    held: true,
    local: true,
  },
  topicChange: { points: () => 300, seconds: () => 60, what: "Too many topic changes on this stream", local: true },
} satisfies Record<string, Limit>;
type LimitName = keyof typeof LIMITS;

type Limiters = { prisma: unknown; byName: Map<LimitName, RateLimiterAbstract> };
const holder = globalThis as typeof globalThis & { conduitLimiters?: Limiters };

function limiter(name: LimitName): RateLimiterAbstract {
  const prisma = getPrisma();
  if (holder.conduitLimiters?.prisma !== prisma) holder.conduitLimiters = { prisma, byName: new Map() };
  let found = holder.conduitLimiters.byName.get(name);
  if (!found) {
    const env = getEnv();
    const options = { keyPrefix: name, points: LIMITS[name].points(env), duration: LIMITS[name].seconds(env) };
    found =
      getDatabase().connection.kind === "postgres" && !("local" in LIMITS[name])
        ? new RateLimiterPrisma({ ...options, storeClient: prisma, tableName: "rateLimit", clearExpiredByTimeout: false })
        : new RateLimiterMemory(options);
    holder.conduitLimiters.byName.set(name, found);
  }
  return found;
}

/** Counts one use of `name` for `key`; over the limit, a 429 AppError that says when to retry. */
export async function consume(name: LimitName, key: string): Promise<void> {
  try {
    await limiter(name).consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    // rate-limiter-flexible counts a refused attempt too; a held limit must not.
    if ("held" in LIMITS[name]) await release(name, key);
    const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("rate_limited", `${LIMITS[name].what} (${limiter(name).points}); try again in ${retryAfter} s`, { retryAfter });
  }
}

/** Gives one use back (a stream slot when its stream closes). */
export async function release(name: LimitName, key: string): Promise<void> {
  await limiter(name).reward(key).catch(() => undefined);
}
