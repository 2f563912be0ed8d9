// The classic outbox trap: with a plain sequence, event 41 can commit after 42,
// and a reader that moved past 42 never sees 41. Writers here hold their
// transaction open for a random while after appending, and a reader follows
// the log by id the way the hub does. It must see every event.
import { describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/prisma";
import { appendEvent } from "@/lib/events/append-event";
import { readEvents } from "@/lib/events/read-events";
import { makeTask } from "../helpers/task-fixtures";
import { usingPostgres, withTestDatabase } from "../helpers/test-database";

withTestDatabase();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("event ids follow commit order", () => {
  it("never lets a reader that follows ids skip an event that commits late", async () => {
    const task = await makeTask();
    const written: bigint[] = [];
    const seen: bigint[] = [];
    let writing = true;

    const writer = async () => {
      for (let i = 0; i < 15; i++) {
        const id = await getPrisma().$transaction(async (tx) => {
          const event = await appendEvent(tx, { taskId: task.id, type: "pr_updated", payload: { i }, taskVersion: 1, snapshot: {} });
          await pause(Math.random() * 15); // commit late, while others append
          return event.id;
        });
        written.push(id);
      }
    };
    const reader = async () => {
      let cursor = (await readEvents({ after: 0n }, 1000)).at(-1)?.id ?? 0n;
      for (;;) {
        const writersDone = !writing; // read once more after the last commit
        const rows = await readEvents({ after: cursor }, 100);
        for (const row of rows) seen.push(row.id);
        cursor = rows.at(-1)?.id ?? cursor;
        if (rows.length === 0) {
          if (writersDone) break;
          await pause(1);
        }
      }
    };

    const readerDone = reader();
    await Promise.all([writer(), writer(), writer(), writer()]);
    writing = false;
    await readerDone;

    expect(seen).toHaveLength(written.length);
    expect([...seen].sort((a, b) => (a < b ? -1 : 1))).toEqual([...written].sort((a, b) => (a < b ? -1 : 1)));
  });

  // PGlite runs one transaction at a time, so only PostgreSQL can show an append waiting.
  it.runIf(usingPostgres)("takes the lock before drawing the id: an append waiting for it has not advanced the sequence", async () => {
    const task = await makeTask();
    const prisma = getPrisma();
    const event = { taskId: task.id, type: "pr_updated" as const, payload: {}, taskVersion: 1, snapshot: {} };
    let appended!: (id: bigint) => void;
    const firstId = new Promise<bigint>((resolve) => (appended = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = prisma.$transaction(async (tx) => {
      appended((await appendEvent(tx, event)).id);
      await held; // keep the lock until the second append is seen waiting
    });
    const heldId = await firstId;
    const second = prisma.$transaction(async (tx) => (await appendEvent(tx, event)).id);

    const waiting = async () =>
      (await prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)[0]!.n;
    for (let i = 0; i < 500 && (await waiting()) === 0n; i++) await pause(5);
    expect(await waiting()).toBe(1n);
    const [{ last } = { last: 0n }] = await prisma.$queryRaw<{ last: bigint }[]>`SELECT last_value AS last FROM task_events_id_seq`;
    expect(last).toBe(heldId);

    release();
    await first;
    expect(await second).toBeGreaterThan(heldId);
  });
});
