import { getEnv } from "../config/env";
import { getDatabase } from "../db/prisma";
import { applyMigrations } from "../db/migrations";
import { seedDemoTasks } from "../demo/seed-demo-tasks";
import { startDeliveryRetries } from "../github/retry-deliveries";

/**
 * Migrates the database, fills an empty one with demo tasks outside production,
 * and starts the retry loop for webhook deliveries whose processing failed.
 */
export async function prepareServer(): Promise<void> {
  const env = getEnv();
  const { connection } = getDatabase();
  const applied = await applyMigrations(connection.adapter);
  if (applied.length) console.info(`Applied migrations to ${connection.kind}: ${applied.join(", ")}`);
  const seed = env.SEED_DEMO_DATA ?? env.NODE_ENV !== "production";
  if (seed) {
    const created = await seedDemoTasks();
    if (created) console.info(`Added ${created} demo tasks to the empty database`);
  }
  startDeliveryRetries();
}
