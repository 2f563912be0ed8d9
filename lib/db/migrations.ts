// Applies prisma/migrations with Prisma's own schema engine, compiled to
// WebAssembly (@prisma/schema-engine-wasm): the native engine is a download
// our machines cannot make. The engine records each migration in
// _prisma_migrations exactly as `prisma migrate deploy` does, so either tool can
// take over the same database.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type * as EngineModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DatabaseConnection } from "./connection";

type MigrationList = Parameters<EngineModule.SchemaEngine["applyMigrations"]>[0]["migrationsList"];
type SchemaEngine = EngineModule.SchemaEngine;

export const SCHEMA_PATH = "prisma/schema.prisma";
export const MIGRATIONS_DIR = "prisma/migrations";
const NO_FILTERS = { externalTables: [], externalEnums: [] };

const holder = globalThis as typeof globalThis & { __conduitSchemaEngine?: Promise<typeof EngineModule> };

/** The wasm-bindgen module, instantiated once per process (its memory is module state). */
function loadEngineModule(): Promise<typeof EngineModule> {
  holder.__conduitSchemaEngine ??= (async () => {
    // Node 20 cannot import a .wasm file as a module, so instantiate it by hand.
    // Located from the project root: bundlers rewrite require.resolve.
    const dir = path.join(process.cwd(), "node_modules", "@prisma", "schema-engine-wasm");
    const glue = pathToFileURL(path.join(dir, "schema_engine_bg.js")).href;
    const mod = (await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ glue)) as typeof EngineModule;
    const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": mod });
    mod.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return mod;
  })().catch((error: unknown) => {
    holder.__conduitSchemaEngine = undefined; // never cache a failure
    throw error;
  });
  return holder.__conduitSchemaEngine;
}

export async function openSchemaEngine(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  root = process.cwd(),
): Promise<SchemaEngine> {
  const mod = await loadEngineModule();
  const schema = await readFile(path.join(root, SCHEMA_PATH), "utf8");
  // The engine calls the factory's methods detached from it; the binding fixes `this`.
  return mod.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
}

export async function readMigrationsList(root = process.cwd()): Promise<MigrationList> {
  const baseDir = path.join(root, MIGRATIONS_DIR);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => ({
        path: folder,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(baseDir, folder, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

/** Applies every pending migration; returns the names applied (empty when up to date). */
export async function applyMigrations(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  root = process.cwd(),
): Promise<string[]> {
  const engine = await openSchemaEngine(adapter, root);
  try {
    const migrationsList = await readMigrationsList(root);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * SQL that takes a database built from the migrations folder to the schema file,
 * or "" when they agree. The adapter's shadow database replays the migrations.
 */
export async function diffMigrationsToSchema(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  root = process.cwd(),
): Promise<string> {
  const engine = await openSchemaEngine(adapter, root);
  try {
    const schema = await readFile(path.join(root, SCHEMA_PATH), "utf8");
    const { stdout } = await engine.diff({
      from: { tag: "migrations", ...(await readMigrationsList(root)) },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = stdout ?? "";
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? "" : sql;
  } finally {
    engine.free();
  }
}

/**
 * Migrates the configured database. On PostgreSQL through a connection of its
 * own: Prisma's migration lock is a session-level advisory lock, and through a
 * pool its release can land on another session than its take, leaving the
 * lock held; the next instance to start would then wait for it and fail.
 */
export async function migrateDatabase(connection: DatabaseConnection): Promise<string[]> {
  if (connection.kind !== "postgres") return applyMigrations(connection.adapter);
  const single = connection.alone();
  try {
    return await applyMigrations(single.adapter);
  } finally {
    await single.close();
  }
}
