// npm run db:seed [-- --force]: adds the demo tasks (only to an empty database
// unless --force). Migrates first, so it also works on a new database.
import "./load-env";
import { migrateDatabase } from "../db/migrations";
import { closeDatabase, getDatabase } from "../db/prisma";
import { seedDemoTasks } from "../demo/seed-demo-tasks";

try {
  await migrateDatabase(getDatabase().connection);
  const added = await seedDemoTasks({ force: process.argv.includes("--force") });
  console.log(added ? `Added ${added} demo tasks.` : "The database already has tasks; run with --force to add the demo tasks anyway.");
} finally {
  await closeDatabase();
}
