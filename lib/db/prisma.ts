import "server-only";
import { PrismaClient } from "./generated/client";
import { openConnection, type DatabaseConnection, type Query } from "./connection";

type Database = { prisma: PrismaClient; connection: DatabaseConnection };

// Cached on globalThis: Next dev reloads modules, and instrumentation and route
// handlers are bundled apart; PGlite must be opened exactly once per process.
const holder = globalThis as typeof globalThis & { __conduitDatabase?: Database };

export function getDatabase(): Database {
  if (!holder.__conduitDatabase) {
    const connection = openConnection();
    const prisma = new PrismaClient({ adapter: connection.adapter });
    holder.__conduitDatabase = { prisma, connection };
  }
  return holder.__conduitDatabase;
}

export function getPrisma(): PrismaClient {
  return getDatabase().prisma;
}

/** Plain SQL through the driver (connection.ts: Query), on the same connections as Prisma. */
export const sql: Query = (text, params) => getDatabase().connection.query(text, params);

/** Closes the client and the driver; the next getDatabase() opens a new one. */
export async function closeDatabase(): Promise<void> {
  const db = holder.__conduitDatabase;
  holder.__conduitDatabase = undefined;
  if (!db) return;
  await db.prisma.$disconnect();
  await db.connection.close();
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
