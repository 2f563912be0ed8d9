// The hub fans out events this process commits straight from the rows its
// writers hand it, but only where they continue the log exactly where the hub
// stands; otherwise it reads the table. Either way an open stream gets every
// event once, in id order, whoever wrote it.
import { afterAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/prisma";
import { appendEvent } from "@/lib/events/append-event";
import { getHub } from "@/lib/realtime/hub";
import { WebStreamSink } from "@/lib/realtime/stream-sink";
import { changeTask, changeTaskIfUnchanged } from "@/lib/tasks/change-task";
import { findTaskById } from "@/lib/tasks/find-task";
import { eventually } from "../helpers/sse-client";
import { makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();
afterAll(async () => (await getHub()).closeAll());

/** A dashboard stream on this process's hub, and the event ids it has received so far (from `id:` lines). */
async function openDashboard() {
  const sink = new WebStreamSink(1 << 20);
  const connection = await (await getHub()).open({ id: "hub-test", role: "admin" }, ["dashboard"], undefined, sink);
  const ids: bigint[] = [];
  let text = "";
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of sink.stream as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      for (let end = text.indexOf("\n\n"); end !== -1; end = text.indexOf("\n\n")) {
        const id = /^id: (\d+)$/m.exec(text.slice(0, end))?.[1];
        if (id && !text.startsWith("event: ready")) ids.push(BigInt(id));
        text = text.slice(end + 2);
      }
    }
  })();
  return { ids, close: () => connection.close("client") };
}

const lastEventId = async () => (await getPrisma().taskEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
const receivedUpTo = (ids: bigint[], last: bigint) => eventually(async () => (ids.at(-1) === last ? ids : undefined), `event ${last}`);

describe("the hub's live fan-out", () => {
  it("reads what another instance wrote in between before an event of its own that follows it", async () => {
    const task = await makeTask("dispatched");
    const stream = await openDashboard();
    // As another instance would: committed, with no signal to this process.
    const other = await getPrisma().$transaction((tx) =>
      appendEvent(tx, { taskId: task.id, type: "pr_updated", payload: {}, taskVersion: task.version, snapshot: {} }),
    );
    const mine = await changeTaskIfUnchanged((await findTaskById(task.id))!, { to: "coding", event: { type: "agent_started" } });

    expect(BigInt(mine.event.id)).toBe(other.id + 1n);
    expect(await receivedUpTo(stream.ids, BigInt(mine.event.id))).toEqual([other.id, other.id + 1n]);
    stream.close();
  });

  it("delivers concurrent commits of its own once each, in id order", async () => {
    const tasks = await Promise.all(Array.from({ length: 8 }, () => makeTask("dispatched")));
    const stream = await openDashboard();
    const start = await lastEventId();
    await Promise.all(tasks.map((t) => changeTask(t.id, { to: "coding", event: { type: "agent_started" } })));

    const ids = await receivedUpTo(stream.ids, await lastEventId());
    expect(ids).toEqual(Array.from({ length: tasks.length }, (_, i) => start + BigInt(i + 1)));
    stream.close();
  });
});
