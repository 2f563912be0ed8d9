// Plain SQL on PGlite as named prepared statements (lib/db/pglite-statements.ts):
// the same rows as PGlite's own query(), each text parsed once, errors that
// leave the session usable, and no statement run inside someone's transaction.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Query } from "@/lib/db/connection";
import { preparedQuery } from "@/lib/db/pglite-statements";

let client: PGlite;
let query: Query;

beforeAll(async () => {
  client = new PGlite("memory://");
  query = preparedQuery(client);
  await client.exec(`CREATE TABLE items (id bigserial PRIMARY KEY, name text UNIQUE NOT NULL, tags text[], doc json, at timestamptz)`);
});
afterAll(() => client.close());

const prepared = async () => (await client.query<{ name: string }>("SELECT name FROM pg_prepared_statements ORDER BY name")).rows.map((r) => r.name);

describe("PGlite prepared statements", () => {
  it("return the same rows as query(), parameters and types included", async () => {
    const insert = "INSERT INTO items (name, tags, doc, at) VALUES ($1, $2, $3::json, $4) RETURNING *";
    const at = new Date("2030-01-02T03:04:05.678Z");
    const [row] = await query<Record<string, unknown>>(insert, ["a", ["x", "y"], JSON.stringify({ n: 1 }), at]);
    const select = "SELECT id, name, tags, doc, at, $1::int + 1 AS next, $2::text IS NULL AS missing FROM items WHERE name = $3";
    const ours = await query(select, [41, null, "a"]);
    const theirs = (await client.query(select, [41, null, "a"])).rows;
    expect(row).toEqual({ id: 1, name: "a", tags: ["x", "y"], doc: { n: 1 }, at });
    expect(ours).toEqual(theirs);
    expect(ours).toEqual([{ id: 1, name: "a", tags: ["x", "y"], doc: { n: 1 }, at, next: 42, missing: true }]);
  });

  it("fail a statement PGlite neither completes nor reports, rather than answer no rows", async () => {
    // A json value nested past PGlite's stack: it answers EmptyQuery and a notice, no error (PGlite 0.5.16).
    const deep = "[".repeat(20_000) + "]".repeat(20_000);
    await expect(query("INSERT INTO items (name, doc) VALUES ($1, $2::json) RETURNING id", ["deep", deep])).rejects.toThrow(/did not complete/);
    expect(await query("SELECT count(*)::int AS n FROM items WHERE name = $1", ["deep"])).toEqual([{ n: 0 }]);
  });

  it("parse each text once, under its name", async () => {
    const text = "SELECT count(*)::int AS n FROM items WHERE name <> $1";
    const before = await prepared();
    for (let i = 0; i < 3; i++) await query(text, [`x${i}`]);
    const added = (await prepared()).filter((name) => !before.includes(name));
    expect(added).toHaveLength(1);
  });

  it("reject with the database's error and leave the session usable", async () => {
    const insert = "INSERT INTO items (name) VALUES ($1)";
    await query(insert, ["dup"]);
    await expect(query(insert, ["dup"])).rejects.toMatchObject({ code: "23505" }); // unique_violation
    await expect(query("SELECT nope FROM items", [])).rejects.toMatchObject({ code: "42703" }); // undefined_column, at parse
    expect(await query<{ n: number }>("SELECT count(*)::int AS n FROM items WHERE name = $1", ["dup"])).toEqual([{ n: 1 }]);
    expect(client.isInTransaction()).toBe(false);
  });

  it("wait for a transaction under way instead of running inside it", async () => {
    let counted: Promise<{ n: number }[]> | undefined;
    await client
      .transaction(async (tx) => {
        await tx.query("INSERT INTO items (name) VALUES ('uncommitted')");
        counted = query<{ n: number }>("SELECT count(*)::int AS n FROM items WHERE name = $1", ["uncommitted"]);
        // One turn of the event loop: without the transaction lock the statement would run now, inside.
        await new Promise((resolve) => setImmediate(resolve));
        await tx.rollback();
      })
      .catch(() => undefined);
    expect(await counted).toEqual([{ n: 0 }]);
  });
});
