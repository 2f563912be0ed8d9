// LiveCache against SWR's real cache and mutate (no React needed). The fetch
// is stubbed only to hold a response back, so that messages can arrive while a
// refetch runs: the race this class exists to get right.
import type { Cache, ScopedMutator } from "swr";
import { initCache } from "swr/_internal";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveCache } from "@/lib/client/live-cache";
import { taskKey, taskListKey } from "@/lib/client/swr-keys";
import type { TaskWithEvents } from "@/lib/shared/task-dto";

const ID = "0193a6d2-7c4e-7000-8000-00000000000a";
const task = (version: number, status = "coding"): TaskWithEvents =>
  ({ id: ID, status, version, title: "Fix the loop", events: [], lastEventId: "10" }) as unknown as TaskWithEvents;
const updated = (version: number, status: string) => ({ taskId: ID, version, task: { id: ID, status, version } });

/** A fetch whose responses the test releases one at a time. */
function heldFetch() {
  const calls: { url: string; respond: (body: unknown) => void }[] = [];
  vi.stubGlobal("fetch", (url: string) => new Promise<Response>((resolve) => calls.push({ url, respond: (body) => resolve(Response.json(body)) })));
  return calls;
}

function setUp(streamStartsAt = "10") {
  const [cache, mutate] = initCache(new Map()) as unknown as [Map<string, { data?: unknown }>, ScopedMutator];
  const live = new LiveCache({ cache: cache as unknown as Cache, mutate }, "u1", streamStartsAt);
  const data = (key: string) => cache.get(key)?.data;
  return { live, data };
}

afterEach(() => void vi.unstubAllGlobals());

describe("LiveCache", () => {
  it("keeps a message that arrives during a resync refetch over the older fetched data", async () => {
    const calls = heldFetch();
    const { live, data } = setUp();
    void live.seed(taskKey(ID), task(5), "10");
    expect(calls).toHaveLength(0); // rendered where the stream starts: nothing to refetch

    const refetched = live.receive("resync", { reason: "too_many", topics: [`task:${ID}`] }, null);
    expect(calls.map((c) => c.url)).toEqual([taskKey(ID)]);
    void live.receive("task:updated", updated(8, "pr_open"), "30"); // lands while the fetch is out
    calls[0]!.respond(task(7, "coding")); // read before version 8 committed
    await refetched;
    expect(data(taskKey(ID))).toMatchObject({ version: 8, status: "pr_open" });
  });

  it("refetches seeded data rendered before events the tab already received", async () => {
    const calls = heldFetch();
    const { live, data } = setUp("10");
    void live.receive("task:updated", updated(6, "coding"), "20"); // nothing cached yet: no effect
    const seeded = live.seed(taskKey(ID), task(5), "15");
    expect(calls.map((c) => c.url)).toEqual([taskKey(ID)]);
    calls[0]!.respond(task(6, "coding"));
    await seeded;
    expect(data(taskKey(ID))).toMatchObject({ version: 6 });
  });

  it("refetches the cached lists, and only them, when the dashboard topic is joined again", async () => {
    const calls = heldFetch();
    const { live } = setUp();
    const list = { tasks: [], total: 0, page: 1, limit: 20, counts: { active: 0, completed: 0, failed: 0 }, lastEventId: "10" };
    void live.seed(taskListKey({}), list, "10");
    void live.seed(taskListKey({ status: ["failed"] }), list, "10");
    void live.seed(taskKey(ID), task(5), "10");
    void live.receive("dashboard:state", list, null);
    expect(calls.map((c) => c.url).sort()).toEqual([taskListKey({}), taskListKey({ status: ["failed"] })].sort());
  });

  it("tells listeners about each message after applying it", () => {
    heldFetch();
    const { live, data } = setUp();
    void live.seed(taskKey(ID), task(5), "10");
    const seen: string[] = [];
    const stop = live.listen(({ name }) => seen.push(`${name}:${(data(taskKey(ID)) as TaskWithEvents).version}`));
    void live.receive("task:updated", updated(6, "coding"), "11");
    stop();
    void live.receive("task:updated", updated(7, "coding"), "12");
    expect(seen).toEqual(["task:updated:6"]);
  });
});
