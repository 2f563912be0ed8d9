import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RollingSweep } from "@/lib/realtime/rolling-sweep";

const numbered = (n: number) => new Map(Array.from({ length: n }, (_, i) => [i, i] as const));

/** A sweep over `items` with a 1 s cycle, and the values it visited, tick by tick. */
function sweep<T>(items: Map<unknown, T>, onVisit: (item: T) => void = () => undefined) {
  const ticks: T[][] = [];
  let current: T[] | undefined;
  const running = new RollingSweep(items, 1_000, (item) => {
    if (!current) {
      ticks.push((current = []));
      queueMicrotask(() => (current = undefined)); // one tick: one synchronous run
    }
    current.push(item);
    onVisit(item);
  });
  return { ticks, running };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("RollingSweep", () => {
  it("visits a batch of 50 per tick, every value once per cycle, in order, then starts over", async () => {
    const items = numbered(200);
    const { ticks } = sweep(items);
    await vi.advanceTimersByTimeAsync(249);
    expect(ticks).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(751); // four ticks, 250 ms apart
    expect(ticks.map((t) => t.length)).toEqual([50, 50, 50, 50]);
    expect(ticks.flat()).toEqual([...items.keys()]);
    await vi.advanceTimersByTimeAsync(250);
    expect(ticks[4]!.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it("wakes once per cycle for a few values, and visits them all", async () => {
    const { ticks } = sweep(numbered(10));
    await vi.advanceTimersByTimeAsync(999);
    expect(ticks).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  it("ticks at most 20 times a cycle; beyond 1,000 values the batches grow", async () => {
    const { ticks } = sweep(numbered(3_000));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ticks.map((t) => t.length)).toEqual(new Array(20).fill(150));
  });

  it("keeps its place when values are removed while visited, and reaches values added meanwhile", async () => {
    const items = numbered(120);
    const { ticks } = sweep(items, (i) => {
      if (i === 1) items.delete(1); // a connection ending in its own visit
      if (i === 2) items.set(120, 120);
    });
    await vi.advanceTimersByTimeAsync(1_000); // three ticks of 40, 333 ms apart
    expect(ticks.flat()).toEqual([...Array(120).keys()]);
    await vi.advanceTimersByTimeAsync(333);
    expect(ticks[3]!.slice(0, 3)).toEqual([120, 0, 2]); // the added value, then a new cycle without the removed one
  });

  it("visits nothing once stopped", async () => {
    const { ticks, running } = sweep(numbered(10));
    running.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ticks).toHaveLength(0);
  });
});
