// The hub fans out events this process commits straight from the rows its
// writers hand it, but only where they continue the log exactly where the hub
// stands; otherwise it reads the table. Either way an open stream gets every
// event once, in id order, whoever wrote it. Under a burst it fans out less
// often, each time with every event committed meanwhile.
import { afterAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/prisma";
import { appendEvent } from "@/lib/events/append-event";
import { getHub } from "@/lib/realtime/hub";
import { WebStreamSink, type StreamSink } from "@/lib/realtime/stream-sink";
import { changeTask, changeTaskIfUnchanged } from "@/lib/tasks/change-task";
import { findTaskById, type TaskState } from "@/lib/tasks/find-task";
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
/**
 * The ids received after `start` once `last` is in. A stream also gets the events
 * committed before it opened that the hub had not fanned out yet (its state holds
 * them too): those up to `start` are not the test's.
 */
const receivedUpTo = (ids: bigint[], start: bigint, last: bigint) =>
  eventually(async () => (ids.at(-1) === last ? ids.filter((id) => id > start) : undefined), `event ${last}`);

describe("the hub's live fan-out", () => {
  it("reads what another instance wrote in between before an event of its own that follows it", async () => {
    const task = await makeTask("dispatched");
    const start = await lastEventId();
    const stream = await openDashboard();
    // As another instance would: committed, with no signal to this process.
    const other = await getPrisma().$transaction((tx) =>
      appendEvent(tx, { taskId: task.id, type: "pr_updated", payload: {}, taskVersion: task.version, snapshot: {} }),
    );
    const mine = await changeTaskIfUnchanged((await findTaskById(task.id))!, { to: "coding", event: { type: "agent_started" } });

    expect(BigInt(mine.event.id)).toBe(other.id + 1n);
    expect(await receivedUpTo(stream.ids, start, BigInt(mine.event.id))).toEqual([other.id, other.id + 1n]);
    stream.close();
  });

  it("delivers concurrent commits of its own once each, in id order", async () => {
    const tasks = await Promise.all(Array.from({ length: 8 }, () => makeTask("dispatched")));
    const start = await lastEventId();
    const stream = await openDashboard();
    await Promise.all(tasks.map((t) => changeTask(t.id, { to: "coding", event: { type: "agent_started" } })));

    const ids = await receivedUpTo(stream.ids, start, await lastEventId());
    expect(ids).toEqual(Array.from({ length: tasks.length }, (_, i) => start + BigInt(i + 1)));
    stream.close();
  });
});

/**
 * A stream whose event writes each take `costMs` of the event loop, as a
 * fan-out to many streams would, and that numbers the passes it is written in
 * (writes in one synchronous run, with no microtask between them, are one pass).
 * `onEvent` sees each event message as it is written.
 */
function slowSink(costMs: number, onEvent: (text: string) => void = () => undefined) {
  const events: { id: bigint; pass: number }[] = [];
  let pass = 0;
  let inPass = false;
  const sink: StreamSink = {
    write(bytes) {
      const text = new TextDecoder().decode(bytes);
      const id = /^id: (\d+)$/m.exec(text)?.[1];
      if (!id) return;
      onEvent(text);
      if (!inPass) {
        inPass = true;
        pass++;
        queueMicrotask(() => (inPass = false));
      }
      events.push({ id: BigInt(id), pass });
      for (const until = performance.now() + costMs; performance.now() < until; );
    },
    queuedBytes: () => 0,
    end: () => undefined,
    abort: () => undefined,
    listen: () => undefined,
  };
  return { sink, events };
}

/** Runs `then` (once) when the dashboard message of `taskId` entering `coding` is written: inside that fan-out, so what it commits lands in the pause after it. */
function whenWritten(taskId: string, then: () => void) {
  let done = false;
  return (text: string) => {
    if (done || !text.includes(`"taskId":"${taskId}"`) || !text.includes('"status":"coding"')) return;
    done = true;
    then();
  };
}

const toCoding = (taskId: string) => changeTask(taskId, { to: "coding", event: { type: "agent_started" } });

/**
 * The same change in one statement (the webhook path) rather than a
 * transaction of several: a commit meant to land inside the hub's 50 ms pause
 * must not take longer than it, even on a busy machine (with changeTask's
 * round trips it once did, on PostgreSQL in CI, and was sent a pass later).
 */
const quicklyToCoding = (task: TaskState) => changeTaskIfUnchanged(task, { to: "coding", event: { type: "agent_started" } });

describe("the hub's pace", () => {
  it("sends the events committed while it pauses after a costly fan-out together, in order", async () => {
    const tasks = await Promise.all(Array.from({ length: 3 }, () => makeTask("dispatched")));
    const seen = await Promise.all(tasks.slice(1).map((t) => findTaskById(t.id)));
    // The first fan-out takes 25 ms, so the hub then waits 50 ms; both later commits start inside that fan-out.
    let later: Promise<bigint[]> | undefined;
    const { sink, events } = slowSink(
      25,
      whenWritten(tasks[0]!.id, () => (later = Promise.all(seen.map((t) => quicklyToCoding(t!))).then((r) => r.map((c) => BigInt(c.event.id))))),
    );
    const connection = await (await getHub()).open({ id: "hub-test", role: "admin" }, ["dashboard"], undefined, sink);

    const first = BigInt((await toCoding(tasks[0]!.id)).event!.id);
    const [second, third] = (await eventually(async () => later, "the later commits")).sort((x, y) => (x < y ? -1 : 1));
    const ours = () => events.filter((e) => e.id >= first);
    const [fanned, a, b] = await eventually(async () => (ours().length >= 3 ? ours() : undefined), "three events");

    expect([fanned!.id, a!.id, b!.id]).toEqual([first, second, third]);
    expect(a!.pass).toBeGreaterThan(fanned!.pass);
    expect(b!.pass).toBe(a!.pass);
    connection.close("client");
  });
});

// Last in this file: it closes the file's hub.
describe("the hub's close", () => {
  it("drops the events waiting in a pause, as its streams are closing", async () => {
    const tasks = await Promise.all(Array.from({ length: 2 }, () => makeTask("dispatched")));
    const seen = (await findTaskById(tasks[1]!.id))!;
    const hub = await getHub();
    let later: Promise<unknown> | undefined;
    const { sink, events } = slowSink(25, whenWritten(tasks[0]!.id, () => (later = quicklyToCoding(seen))));
    await hub.open({ id: "hub-test", role: "admin" }, ["dashboard"], undefined, sink);
    const first = BigInt((await toCoding(tasks[0]!.id)).event!.id);
    await eventually(async () => later, "the later commit"); // it waits in the pause (≤ 75 ms)

    hub.closeAll();
    await new Promise((resolve) => setTimeout(resolve, 200)); // well past the pause: nothing may happen
    expect(hub.stats().cursor).toBe(first.toString());
    expect(events.at(-1)!.id).toBe(first);
  });
});
