// What a connection receives before it goes live: `ready`, then the state of
// its topics (fresh), the events it missed (replay), or `resync`. Written with
// backpressure; live events wait in the connection's buffer meanwhile.
import { EVENT_BATCH, readEvents } from "../events/read-events";
import { DASHBOARD_TOPIC } from "../shared/stream-topics";
import { countTasks } from "../tasks/task-counts";
import { encodeSse } from "./sse-encode";
import type { StreamConnection } from "./stream-connection";
import { MessageGroup } from "./stream-messages";
import type { StreamPlan } from "./stream-plan";

export async function writePrelude(connection: StreamConnection, plan: StreamPlan, states: Promise<Uint8Array | null>[]): Promise<void> {
  const ready = { connectionId: connection.id, lastEventId: plan.start.toString() };
  await connection.writePrelude(encodeSse({ event: "ready", data: ready, id: plan.start > 0n ? ready.lastEventId : undefined }));
  if (plan.kind === "resync") {
    const data = { reason: plan.reason, topics: [...connection.topics] };
    await connection.writePrelude(encodeSse({ event: "resync", data }));
  } else if (plan.kind === "fresh") {
    for (const pending of states) {
      const state = await pending;
      if (state && !(await connection.writePrelude(state))) return;
    }
  } else {
    await replay(connection, plan);
  }
  connection.endPrelude();
}

async function replay(connection: StreamConnection, { range }: Extract<StreamPlan, { kind: "replay" }>): Promise<void> {
  let after = range.after;
  let countsChanged = false;
  for (;;) {
    const rows = await readEvents({ ...range, after }, EVENT_BATCH);
    for (const row of rows) {
      const group = new MessageGroup(row);
      after = row.id;
      const bytes =
        group.bytesForViewer(connection.viewer, connection.topics.has(group.taskTopic), connection.topics.has(DASHBOARD_TOPIC));
      if (bytes) {
        const written = connection.writePrelude(bytes, row.id);
        if (!(written instanceof Promise ? await written : written)) return; // awaited only to drain first
      }
      countsChanged ||= group.countsChange !== null;
    }
    if (rows.length < EVENT_BATCH) break;
  }
  if (countsChanged && connection.topics.has(DASHBOARD_TOPIC)) {
    await connection.writePrelude(encodeSse({ event: "dashboard:task_count_changed", data: await countTasks(connection.viewer) }));
  }
}
