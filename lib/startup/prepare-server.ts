import { getEnv } from "../config/env";
import { getDatabase } from "../db/prisma";
import { applyMigrations } from "../db/migrations";
import { seedDemoTasks } from "../demo/seed-demo-tasks";

/** Migrates the database, then fills an empty one with demo tasks outside production. */
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
}
