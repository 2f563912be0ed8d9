// A new PGlite database costs its initdb, about 6 s of WASM here, and every
// end-to-end server and bench server on PGlite starts from a new one. The
// first caller on a machine runs initdb once into a folder under the system's
// temp dir, named by PGlite's version, and every new database is then a copy
// of it (about 1 s for its 39 MB). A copy is exactly what initdb leaves: the
// app still migrates it at start as it would a database it made itself.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { cp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

// The package does not export its package.json; tests run from the repository's root.
const { version } = JSON.parse(readFileSync("node_modules/@electric-sql/pglite/package.json", "utf8")) as { version: string };
const TEMPLATE = path.join(os.tmpdir(), `conduit-pglite-initdb-${version}`);

const made = () => existsSync(path.join(TEMPLATE, "PG_VERSION"));
let template: Promise<string> | undefined;

/** Fills `target` (which must not exist yet; cp makes the folders above it) with a database just as initdb made it. */
export async function copyNewPgliteDatabase(target: string): Promise<void> {
  await cp(await (template ??= makeTemplate()), target, { recursive: true });
}

async function makeTemplate(): Promise<string> {
  if (made()) return TEMPLATE;
  // Made aside and renamed into place once closed, so no process ever copies a
  // half-made template; when two make one at once, the first rename wins.
  const aside = `${TEMPLATE}.${randomUUID()}`;
  const db = new PGlite(aside);
  await db.waitReady;
  await db.close();
  await rename(aside, TEMPLATE).catch(async (error: unknown) => {
    await rm(aside, { recursive: true, force: true });
    if (!made()) throw error;
  });
  return TEMPLATE;
}
