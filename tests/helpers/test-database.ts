// A fresh, migrated database per test file: in-memory PGlite by default, or a
// throwaway PostgreSQL database when TEST_DATABASE_URL is set (created here and
// dropped afterwards, so parallel runs never collide).
import { afterAll, beforeAll } from "vitest";
import { migrateDatabase } from "@/lib/db/migrations";
import { closeDatabase, getDatabase } from "@/lib/db/prisma";
import { createThrowawayDatabase } from "./throwaway-database";

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export function withTestDatabase(): void {
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // Route tests assert states the pipeline would otherwise move on from;
    // pipeline tests run it explicitly.
    process.env.PIPELINE_ENABLED = "false";
    await closeDatabase();
    if (usingPostgres) {
      const created = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!);
      dropDatabase = created.drop;
      process.env.DATABASE_URL = created.url;
    } else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DATA_DIR = "memory://";
    }
    await migrateDatabase(getDatabase().connection);
  });

  afterAll(async () => {
    await closeDatabase();
    await dropDatabase?.();
  });

}
