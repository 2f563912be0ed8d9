// Environment settings the app reads, validated once. Each one is documented in
// .env.example. (The database choice itself is read in lib/db/connection.ts.)
import { z } from "zod";
import { repoSchema } from "../shared/task-schemas";

const envSchema = z.object({
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
}).superRefine((env, ctx) => {
  if (env.NODE_ENV === "production" && !env.BETTER_AUTH_SECRET) {
    ctx.addIssue({ code: "custom", path: ["BETTER_AUTH_SECRET"], message: "Required in production: it signs session cookies (openssl rand -base64 32)" });
  }
  if (env.EVENT_BUS === "redis" && !env.REDIS_URL) ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "EVENT_BUS=redis needs REDIS_URL" });
  if (env.EVENT_BUS === "postgres" && !process.env.DATABASE_URL) {
    ctx.addIssue({ code: "custom", path: ["EVENT_BUS"], message: "EVENT_BUS=postgres needs DATABASE_URL (PostgreSQL)" });
  }
  if (Boolean(env.GITHUB_CLIENT_ID) !== Boolean(env.GITHUB_CLIENT_SECRET)) {
    ctx.addIssue({ code: "custom", path: ["GITHUB_CLIENT_SECRET"], message: "Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET together" });
  }
});
export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
