// npm run db:migrate: applies pending migrations to the configured database
// (DATABASE_URL, or the embedded PGlite in PGLITE_DATA_DIR).
import "./load-env";
import { openConnection } from "../db/connection";
import { migrateDatabase } from "../db/migrations";

const connection = openConnection();
try {
  const applied = await migrateDatabase(connection);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${connection.kind}: ${applied.join(", ")}`
      : `The ${connection.kind} database is up to date.`,
  );
} finally {
  await connection.close();
}
