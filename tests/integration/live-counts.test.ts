// The hub's dashboard counts (lib/tasks/live-counts.ts) are read once and then
// moved by the events that follow. After any mix of changes they must equal a
// fresh count of the tasks for every viewer, or a server's headline drifts for
// as long as it runs.
import { describe, expect, it } from "vitest";
import { readEvents } from "@/lib/events/read-events";
import type { TaskSnapshot } from "@/lib/shared/task-dto";
import { changeTaskIfUnchanged } from "@/lib/tasks/change-task";
import { cancelTask } from "@/lib/tasks/cancel-task";
import { findTaskById } from "@/lib/tasks/find-task";
import { countsChangeOf, LiveCounts } from "@/lib/tasks/live-counts";
import { retryTask } from "@/lib/tasks/retry-task";
import { updateTask } from "@/lib/tasks/update-task";
import { countTasks } from "@/lib/tasks/task-counts";
import { makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";
import { testUser } from "../helpers/test-users";

withTestDatabase();

describe("live counts", () => {
  it("equal a fresh count for every viewer after tasks are created, moved, made private and public", async () => {
    const [admin, alice, bob] = [await testUser(), await testUser("alice"), await testUser("bob")];
    await makeTask("dispatched", {}, alice.id);
    await makeTask("analyzing", { isPrivate: true }, bob.id);
    await makeTask("failed", { isPrivate: true }, bob.id);
    const counts = await LiveCounts.read();

    // After the read: new tasks, public and private, moved on; privacy both ways; cancel and retry.
    const failed = await makeTask("failed", {}, alice.id);
    const hidden = await makeTask("dispatched", { isPrivate: true }, alice.id);
    const received = await makeTask("received", { isPrivate: true }, bob.id);
    await updateTask(failed.id, { isPrivate: true }, alice);
    await updateTask(hidden.id, { isPrivate: false }, alice);
    await retryTask(failed.id, alice); // failed → received, still private
    await cancelTask(received.id, bob);
    await updateTask(received.id, { isPrivate: false }, bob); // cancelled counts nowhere, public or not
    // The webhook's way: a plain statement on the task as read.
    await changeTaskIfUnchanged((await findTaskById(hidden.id))!, { to: "coding", event: { type: "agent_started" } });

    const events = await readEvents({ after: counts.at }, 1_000);
    expect(events.length).toBeGreaterThan(10);
    for (const event of events) {
      const change = countsChangeOf(event.type, event.payload as Record<string, unknown>, event.snapshot as TaskSnapshot | null);
      expect(change, `${event.type} #${event.id}`).not.toBe("unknown");
      if (change && change !== "unknown") counts.apply(change);
    }
    const fresh = await LiveCounts.read();
    expect(fresh.at).toBe(events.at(-1)!.id);
    for (const viewer of [admin, alice, bob]) {
      const expected = await countTasks(viewer);
      expect(counts.forEveryone()(viewer), viewer.login).toEqual(expected);
      expect(fresh.forEveryone()(viewer), viewer.login).toEqual(expected);
    }
    // Not all the same figure: the viewers' private tasks differ.
    expect(counts.forEveryone()(alice)).not.toEqual(counts.forEveryone()(bob));
  });
});
