// A database for an app server started by a test: a throwaway PostgreSQL
// database when TEST_DATABASE_URL is set, else a PGlite folder in /tmp, a copy
// of one initdb made (pglite-template.ts) unless `asNew` leaves the folder
// to the app, initdb and the folders above it included, as on a first start.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { copyNewPgliteDatabase } from "./pglite-template";
import { createThrowawayDatabase } from "./throwaway-database";

export async function makeAppDatabase(
  postgresUrl = process.env.TEST_DATABASE_URL,
  { asNew = false } = {},
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (postgresUrl) {
    const db = await createThrowawayDatabase(postgresUrl);
    return { env: { DATABASE_URL: db.url }, cleanup: db.drop };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "conduit-e2e-"));
  const dataDir = path.join(dir, "nested", "pglite");
  if (!asNew) await copyNewPgliteDatabase(dataDir);
  return {
    env: { PGLITE_DATA_DIR: dataDir },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
