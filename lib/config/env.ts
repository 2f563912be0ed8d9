// Environment settings the app reads, validated once. Each one is documented in
// .env.example. (The database choice itself is read in lib/db/connection.ts.)
import { z } from "zod";
import { LOG_LEVELS } from "../observability/log";
import { repoSchema } from "../shared/task-schemas";

const envSchema = z.object({
  // The database (read in lib/db/connection.ts; checked here with the rest). Unset: embedded PGlite.
  DATABASE_URL: z.string().trim().regex(/^postgres(ql)?:\/\//, "A postgres:// or postgresql:// URL").optional(),
  PGLITE_DATA_DIR: z.string().trim().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1_000).optional(),
  DEFAULT_REPO: repoSchema.default("conduit-demo/sandbox"),
  // Repositories tasks may target: comma-separated owner/name or owner/* patterns. Unset: any.
  ALLOWED_REPOS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((p) => p.trim()).filter(Boolean) : undefined)),
  // Fill an empty database with demo tasks at start; on by default outside production.
  SEED_DEMO_DATA: z.stringbool().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Where people reach the app (https://conduit.example.com). Sign-in callbacks and the
  // Origin check of state-changing requests use it; unset, the request's own origin counts.
  APP_URL: z.url().optional(),
  // Signs session cookies and OAuth state: 32 characters or more. Required in production.
  BETTER_AUTH_SECRET: z.string().min(32, "Use at least 32 characters (openssl rand -base64 32)").optional(),
  // GitHub sign-in (an OAuth app), limited to members of GITHUB_ORG when it is set.
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  GITHUB_ORG: z.string().min(1).optional(),
  // GitHub's web address for the OAuth pages (GitHub Enterprise: your server).
  GITHUB_OAUTH_URL: z.url().default("https://github.com"),
  // GitHub REST API for dispatch: a token that may create issues; the API URL for GitHub Enterprise.
  GITHUB_TOKEN: z.string().min(1).optional(),
  GITHUB_API_URL: z.url().optional(),
  // GitHub webhooks: the secret set on the webhook, and the one before it while rotating.
  GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
  GITHUB_WEBHOOK_SECRET_PREVIOUS: z.string().min(1).optional(),
  // Webhook deliveries one instance works on in the database at once; more wait, in order (receive-webhook.ts).
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  // Settled deliveries are deleted this many days after they came. At least 3:
  // GitHub redelivers from its last 3 days, and a redelivery must find its record.
  WEBHOOK_DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(3).default(30),
  // LLM analysis through any OpenAI-compatible chat completions API. No key: the built-in analyzer.
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o"),
  // Run the task pipeline (analysis, clarification, dispatch) in this process.
  PIPELINE_ENABLED: z.stringbool().default(true),
  // Tasks one person may create per minute (over it: 429). Raise it for automation that files many.
  TASKS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  // Streams one person (or API key owner) may hold open at once (over it: 429).
  STREAMS_PER_USER: z.coerce.number().int().min(1).default(20),
  // How instances tell each other about new events: memory (one process), postgres
  // (LISTEN/NOTIFY) or redis (pub/sub). Default: redis with REDIS_URL, postgres with
  // DATABASE_URL, else memory.
  EVENT_BUS: z.enum(["memory", "postgres", "redis"]).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "A redis:// or rediss:// URL").optional(),
  // Live stream (lib/realtime). A heartbeat comment at least this often (≤ 15 s).
  STREAM_HEARTBEAT_MS: z.coerce.number().int().min(100).max(15_000).default(10_000),
  // Streams close themselves after about this long (±10 %) and the client resumes by id.
  STREAM_LIFETIME_MS: z.coerce.number().int().min(1_000).default(300_000),
  // Resume points older than this get `resync` instead of a replay.
  EVENT_RETENTION_SECONDS: z.coerce.number().int().min(1).default(7 * 24 * 3600),
  // Bytes queued for one connection before it counts as too slow and is closed.
  STREAM_QUEUE_BYTES: z.coerce.number().int().min(16_384).default(1024 * 1024),
  // At most this many events are replayed on resume; beyond that, `resync`.
  STREAM_REPLAY_MAX: z.coerce.number().int().min(100).default(50_000),
  // On SIGTERM, how long open work (webhook deliveries, pipeline steps) may take to finish.
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(8_000),
  // pino's level for the server's JSON logs.
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  // Bearer token for GET /api/metrics (Prometheus). Unset: the endpoint answers 404.
  METRICS_TOKEN: z.string().min(16, "Use at least 16 characters (openssl rand -hex 24)").optional(),
});
export type Env = z.infer<typeof envSchema>;

type Raw = Record<string, string | undefined>;

// Rules between variables, checked on the raw values so they are reported
// together with every problem of single variables (a refinement would only
// run once each variable is valid).
const RELATIONS: [(env: Raw) => boolean, string][] = [
  [(e) => e.NODE_ENV === "production" && !e.BETTER_AUTH_SECRET, "BETTER_AUTH_SECRET: Required in production: it signs session cookies (openssl rand -base64 32)"],
  [(e) => e.EVENT_BUS === "redis" && !e.REDIS_URL, "REDIS_URL: EVENT_BUS=redis needs REDIS_URL"],
  [(e) => e.EVENT_BUS === "postgres" && !e.DATABASE_URL, "EVENT_BUS: EVENT_BUS=postgres needs DATABASE_URL (PostgreSQL)"],
  [(e) => Boolean(e.GITHUB_CLIENT_ID) !== Boolean(e.GITHUB_CLIENT_SECRET), "GITHUB_CLIENT_SECRET: Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET together"],
];

let cached: Env | undefined;

/** Every problem with the environment at once, as `NAME: what is wrong` (never the value: it may be a secret). */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment (${problems.length} ${problems.length === 1 ? "problem" : "problems"}): ${problems.join("; ")}`);
    this.name = "EnvError";
  }
}

export function getEnv(): Env {
  if (cached) return cached;
  // A variable set to "" (VAR= in a .env file) counts as unset.
  const set: Raw = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(set);
  const problems = [
    ...(parsed.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? []),
    ...RELATIONS.filter(([broken]) => broken(set)).map(([, problem]) => problem),
  ];
  if (!parsed.success || problems.length) throw new EnvError(problems);
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
