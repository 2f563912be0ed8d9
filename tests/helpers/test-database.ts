// A fresh, migrated database per test file: in-memory PGlite by default, or a
// throwaway PostgreSQL database when TEST_DATABASE_URL is set (created here and
// dropped afterwards, so parallel runs never collide).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { closeDatabase, getDatabase } from "@/lib/db/prisma";

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export function withTestDatabase(): { url: () => string | undefined } {
  let dropDatabase: (() => Promise<void>) | undefined;
  let url: string | undefined;

  beforeAll(async () => {
    await closeDatabase();
    if (usingPostgres) {
      const created = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!);
      url = created.url;
      dropDatabase = created.drop;
      process.env.DATABASE_URL = url;
    } else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DATA_DIR = "memory://";
    }
    await applyMigrations(getDatabase().connection.adapter);
  });

  afterAll(async () => {
    await closeDatabase();
    await dropDatabase?.();
  });

  return { url: () => url };
}

export async function createThrowawayDatabase(adminUrl: string) {
  const name = `conduit_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
