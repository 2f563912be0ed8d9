// A database for an app server started by a test: a throwaway PostgreSQL
// database when TEST_DATABASE_URL is set, else a PGlite folder in /tmp.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createThrowawayDatabase } from "./throwaway-database";

export async function makeAppDatabase(
  postgresUrl = process.env.TEST_DATABASE_URL,
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (postgresUrl) {
    const db = await createThrowawayDatabase(postgresUrl);
    return { env: { DATABASE_URL: db.url }, cleanup: db.drop };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "conduit-e2e-"));
  return {
    env: { PGLITE_DATA_DIR: path.join(dir, "nested", "pglite") },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
