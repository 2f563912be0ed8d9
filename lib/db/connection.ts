// The one place that decides which database we talk to. DATABASE_URL set:
// PostgreSQL through node-postgres. Unset: PGlite, PostgreSQL compiled to
// WebAssembly running in this process, persisted in PGLITE_DATA_DIR.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { preparedQuery } from "./pglite-statements";
import { statementName } from "./statement-name";

export type DatabaseKind = "pglite" | "postgres";

/**
 * One statement sent through the driver itself, rows back as plain objects.
 * For the webhook path, where Prisma's client costs more CPU per statement
 * than the statement (tests/bench/webhook-cost.ts); everything else uses Prisma.
 */
export type Query = <Row>(text: string, params?: unknown[]) => Promise<Row[]>;

export type DatabaseConnection = {
  kind: DatabaseKind;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  query: Query;
  close(): Promise<void>;
  /** Another connection to the same database with a single session (PostgreSQL; PGlite has one anyway). */
  alone(): DatabaseConnection;
};

export const DEFAULT_PGLITE_DIR = ".data/pglite";

export function openConnection(env: Record<string, string | undefined> = process.env): DatabaseConnection {
  const url = env.DATABASE_URL?.trim();
  if (url) return openPostgres(url, Number(env.DATABASE_POOL_SIZE) || 10);
  return openPglite(env.PGLITE_DATA_DIR?.trim() || DEFAULT_PGLITE_DIR);
}

function openPostgres(url: string, poolSize: number): DatabaseConnection {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error("DATABASE_URL must start with postgres:// or postgresql://");
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Fail fast while the database is unreachable so /api/health answers in
    // time and requests get a clean 503 instead of hanging.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client whose server went away emits 'error'; unhandled it would kill
  // the process. The pool drops that client and opens a new one on demand.
  pool.on("error", () => {});
  return {
    kind: "postgres",
    adapter: new PrismaPg(pool),
    // Named statements (statement-name.ts).
    query: async <Row>(text: string, params?: unknown[]) => (await pool.query({ name: statementName(text), text, values: params })).rows as Row[],
    close: () => pool.end(),
    alone: () => openPostgres(url, 1),
  };
}

function openPglite(dataDir: string): DatabaseConnection {
  if (!dataDir.startsWith("memory://")) {
    // PGlite creates only the last folder of its path.
    mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  }
  const client = new PGlite(dataDir);
  const connection: DatabaseConnection = {
    kind: "pglite",
    adapter: new PrismaPGlite(client),
    // Named statements too (statement-name.ts, pglite-statements.ts).
    query: preparedQuery(client),
    close: () => client.close(),
    alone: () => connection,
  };
  return connection;
}
