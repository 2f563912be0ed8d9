import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { getDatabase } from "@/lib/db/prisma";
import { withTestDatabase, usingPostgres } from "../helpers/test-database";

withTestDatabase();

describe("GET /api/health", () => {
  it("reports the database connected, on the configured kind", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ok",
      db: "connected",
      database: { kind: usingPostgres ? "postgres" : "pglite" },
      pipeline: { analyzer: "built-in", dispatcher: "local", message: expect.stringContaining("GitHub is not connected") },
    });
    expect(getDatabase().connection.kind).toBe(usingPostgres ? "postgres" : "pglite");
  });
});
