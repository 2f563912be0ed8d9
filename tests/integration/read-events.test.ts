import { describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/prisma";
import type { StreamEventRow } from "@/lib/events/event-row";
import { onNewEvents } from "@/lib/events/event-signal";
import { countEvents, oldestEventTime, readEvents } from "@/lib/events/read-events";
import { makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

describe("reading the event log", () => {
  // Ids past a power of ten: read as text, "10" would sort before "9" and a batch would skip events.
  it("reads every event in id order, batch after batch, across ids of different lengths", async () => {
    const tasks = [];
    for (let i = 0; i < 12; i++) tasks.push(await makeTask("dispatched"));
    const all = (await getPrisma().taskEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((e) => e.id);
    expect(all.at(-1)! >= 10n && all[0]! < 10n).toBe(true);

    const read: bigint[] = [];
    for (let after = 0n; ; ) {
      const rows = await readEvents({ after }, 4);
      read.push(...rows.map((r) => r.id));
      if (rows.length < 4) break;
      after = rows.at(-1)!.id;
    }
    expect(read).toEqual(all);

    const upTo = all[20]!;
    const mine = [tasks[0]!.id, tasks[11]!.id];
    const someTasks = await readEvents({ after: 0n, upTo, taskIds: mine }, 100);
    expect(someTasks.every((r) => mine.includes(r.taskId) && r.id <= upTo)).toBe(true);
    expect(someTasks.map((r) => r.id)).toEqual((await getPrisma().taskEvent.findMany({ where: { taskId: { in: mine }, id: { lte: upTo } }, orderBy: { id: "asc" } })).map((e) => e.id));

    expect(await countEvents({ after: all[2]! }, 1_000)).toBe(all.length - 3);
    expect(await countEvents({ after: 0n }, 5)).toBe(5);
    expect(await oldestEventTime({ after: all[0]! })).toEqual((await getPrisma().taskEvent.findUniqueOrThrow({ where: { id: all[1]! } })).createdAt);
    expect(await oldestEventTime({ after: all.at(-1)! })).toBeNull();
  });

  // The hub fans out the rows writers hand it and replays the rows it reads:
  // a resumed client must receive the same bytes a connected one did.
  it("reads each event exactly as its writer handed it to the hub", async () => {
    const written: StreamEventRow[] = [];
    const stop = onNewEvents((rows) => written.push(...(rows ?? [])));
    const before = (await getPrisma().taskEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
    try {
      await makeTask("dispatched", { isPrivate: true });
    } finally {
      stop();
    }
    expect(written.length).toBeGreaterThanOrEqual(3);
    expect(written[0]!.createdAt).toBeInstanceOf(Date);
    expect(await readEvents({ after: before }, 100)).toEqual(written);
  });
});
