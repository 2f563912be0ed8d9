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
