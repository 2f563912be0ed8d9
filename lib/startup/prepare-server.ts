import { EnvError, getEnv } from "../config/env";
import { getDatabase } from "../db/prisma";
import { migrateDatabase } from "../db/migrations";
import { seedDemoTasks } from "../demo/seed-demo-tasks";
import { startDeliveryRetries } from "../github/retry-deliveries";
import { startPipeline } from "../pipeline/pipeline-worker";
import { startEventBus } from "../realtime/bus/event-bus";
import { exposeNodeRoutes } from "../http/node-routes";
import { log } from "../observability/log";
import { exitGracefullyOnSignals } from "./shutdown";

/**
 * Migrates the database, fills an empty one with demo tasks outside production,
 * starts the retry loop for webhook deliveries whose processing failed, and
 * the pipeline, which picks up tasks a previous process left unfinished,
 * installs the graceful shutdown (shutdown.ts) and hands our Node server the
 * routes it answers itself.
 */
export async function prepareServer(): Promise<void> {
  const env = validEnvOrExit();
  const { connection } = getDatabase();
  const applied = await migrateDatabase(connection);
  if (applied.length) log.info({ database: connection.kind, migrations: applied }, `Applied migrations to ${connection.kind}: ${applied.join(", ")}`);
  const seed = env.SEED_DEMO_DATA ?? env.NODE_ENV !== "production";
  if (seed) {
    const created = await seedDemoTasks();
    if (created) log.info({ created }, `Added ${created} demo tasks to the empty database`);
  }
  startEventBus();
  startDeliveryRetries();
  await startPipeline();
  exitGracefullyOnSignals();
  exposeNodeRoutes(); // for our Node server, lib/cli/serve.mjs
}

/** A misconfigured server must not half-run (answering 500 to everything): say what is wrong and stop. */
function validEnvOrExit() {
  try {
    return getEnv();
  } catch (error) {
    const problems = error instanceof EnvError ? error.problems : [String(error)];
    log.fatal({ problems }, `Conduit cannot start. ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
