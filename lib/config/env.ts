// Environment settings the app reads, validated once. Each one is documented in
// .env.example. (The database choice itself is read in lib/db/connection.ts.)
import { z } from "zod";
import { repoSchema } from "../shared/task-schemas";

const envSchema = z.object({
  DEFAULT_REPO: repoSchema.default("conduit-demo/sandbox"),
  // Fill an empty database with demo tasks at start; on by default outside production.
  SEED_DEMO_DATA: z.stringbool().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
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
