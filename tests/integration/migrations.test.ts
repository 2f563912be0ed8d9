import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openConnection } from "@/lib/db/connection";
import pg from "pg";
import { applyMigrations, diffMigrationsToSchema, migrateDatabase, MIGRATIONS_DIR, readMigrationsList } from "@/lib/db/migrations";
import { getDatabase, getPrisma } from "@/lib/db/prisma";
import { usingPostgres, withTestDatabase } from "../helpers/test-database";
import { createThrowawayDatabase } from "../helpers/throwaway-database";

withTestDatabase();

describe("migrations", () => {
  it("match prisma/schema.prisma (a schema change without `npm run db:diff` fails here)", async () => {
    const scratch = openConnection({ PGLITE_DATA_DIR: "memory://" });
    try {
      expect(await diffMigrationsToSchema(scratch.adapter)).toBe("");
    } finally {
      await scratch.close();
    }
  });

  it("are recorded as `prisma migrate deploy` records them, and applying again does nothing", async () => {
    const { migrationDirectories } = await readMigrationsList();
    const rows = await getPrisma().$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null }[]>`
      SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(migrationDirectories.map((d) => d.path));
    for (const row of rows) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
    }
    expect(await applyMigrations(getDatabase().connection.adapter)).toEqual([]);
  });

  it.runIf(usingPostgres)("leave no migration lock behind on PostgreSQL, so the next instance can migrate", async () => {
    const db = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!);
    const connection = openConnection({ DATABASE_URL: db.url }); // a pool, as the app has
    const probe = new pg.Client({ connectionString: db.url });
    try {
      expect((await migrateDatabase(connection)).length).toBeGreaterThan(0);
      await probe.connect();
      const { rows } = await probe.query(
        "SELECT count(*)::int AS held FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()",
      );
      expect(rows[0].held).toBe(0);
      const second = openConnection({ DATABASE_URL: db.url }); // a second instance
      expect(await migrateDatabase(second)).toEqual([]);
      await second.close();
    } finally {
      await probe.end().catch(() => undefined);
      await connection.close();
      await db.drop();
    }
  });
});
