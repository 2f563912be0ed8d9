// The delivery bookkeeping's commits skip the wait for the disk
// (lib/db/commit-without-flush.ts) for their own transaction only: a pooled
// session left with synchronous_commit off would make every later statement on
// it, task changes included, return before they are durable.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NO_FLUSH_WAIT } from "@/lib/db/commit-without-flush";
import { getPrisma, sql } from "@/lib/db/prisma";
import { recordDelivery, settleDelivery } from "@/lib/github/delivery-store";
import { withTestDatabase } from "../helpers/test-database";

// One session, so the statements below and the SHOW after them share it (PGlite has only one).
beforeAll(() => void (process.env.DATABASE_POOL_SIZE = "1"));
withTestDatabase();

const setting = async () => (await sql<{ synchronous_commit: string }>("SHOW synchronous_commit"))[0]!.synchronous_commit;

describe("commits without waiting for the disk", () => {
  it("turn the wait off inside the statement's transaction, and only there", async () => {
    const inside = await getPrisma().$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`WITH ${NO_FLUSH_WAIT} SELECT 1 FROM no_flush_wait`);
      return tx.$queryRawUnsafe<{ synchronous_commit: string }[]>("SHOW synchronous_commit");
    });
    expect(inside[0]!.synchronous_commit).toBe("off");
    expect(await setting()).toBe("on");
  });

  it("leave the session waiting after recording and settling a delivery", async () => {
    const id = randomUUID();
    expect(await recordDelivery({ id, event: "ping", action: null, repository: null, payload: "{}" })).toEqual({ claimed: true });
    expect(await setting()).toBe("on");
    await settleDelivery(id, { outcome: "processed" });
    expect(await setting()).toBe("on");
    expect(await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ outcome: "processed", event: "ping" });
  });
});
