// PostgreSQL only: an outage between the app and its database, played with a
// TCP relay. Health must say so within 5 s and recover without a restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as listRoute } from "@/app/api/tasks/route";
import { migrateDatabase } from "@/lib/db/migrations";
import { closeDatabase, getDatabase } from "@/lib/db/prisma";
import { callRoute } from "../helpers/call-route";
import { startTcpProxy } from "../helpers/tcp-proxy";
import { testUser } from "../helpers/test-users";
import { usingPostgres } from "../helpers/test-database";
import { createThrowawayDatabase } from "../helpers/throwaway-database";

describe.runIf(usingPostgres)("GET /api/health during a database outage", () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    await closeDatabase();
    const db = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!);
    drop = db.drop;
    const url = new URL(db.url);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    url.host = `127.0.0.1:${proxy.port}`;
    process.env.DATABASE_URL = url.toString();
    await migrateDatabase(getDatabase().connection);
    await testUser(); // the caller's API key exists before any outage
  });

  afterAll(async () => {
    await closeDatabase();
    await proxy.close();
    await drop();
  });

  it.each(["cut", "stall"] as const)("answers 503 within 5 s while the database is unreachable (%s), and 200 again once it is back", async (outage) => {
    expect((await health()).status).toBe(200);

    proxy[outage]();
    const started = Date.now();
    const down = await health();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "error", db: "unreachable" });

    // API requests get the error shape with 503, not a crash or a 500.
    const listed = await callRoute(listRoute, "GET", "/api/tasks");
    expect(listed.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(listed.json.error.code).toBe("unavailable");

    proxy.restore();
    const up = await health();
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: "ok", db: "connected" });
    expect((await callRoute(listRoute, "GET", "/api/tasks")).status).toBe(200);
  });
});
