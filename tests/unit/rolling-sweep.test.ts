import { describe, expect, it } from "vitest";
import { RollingSweep } from "@/lib/realtime/rolling-sweep";

const numbered = (n: number) => new Map(Array.from({ length: n }, (_, i) => [i, i] as const));

/** The values each of `calls` calls visits. */
function calls<T>(sweep: RollingSweep<T>, count: number, visit: (item: T) => void = () => undefined): T[][] {
  return Array.from({ length: count }, () => {
    const seen: T[] = [];
    sweep.next((item) => {
      seen.push(item);
      visit(item);
    });
    return seen;
  });
}

describe("RollingSweep", () => {
  it("visits a slice per call, each value once per cycle, then starts over", () => {
    const items = numbered(100);
    const visited = calls(new RollingSweep(items, 20), 21);
    expect(visited.slice(0, 20).map((v) => v.length)).toEqual(new Array(20).fill(5));
    expect(visited.slice(0, 20).flat()).toEqual([...items.keys()]);
    expect(visited[20]).toEqual([0, 1, 2, 3, 4]);
  });

  it("visits at least one value per call when there are fewer values than slices", () => {
    expect(calls(new RollingSweep(numbered(3), 20), 4)).toEqual([[0], [1], [2], [0]]);
  });

  it("does nothing on an empty map", () => {
    expect(calls(new RollingSweep(new Map(), 20), 2)).toEqual([[], []]);
  });

  it("keeps its place when values are removed while visited, and reaches values added meanwhile", () => {
    const items = numbered(10);
    const sweep = new RollingSweep(items, 5);
    const visited = calls(sweep, 2, (i) => {
      if (i === 1) items.delete(1); // a connection ending in its own visit
      if (i === 2) items.set(10, 10);
    });
    expect(visited).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(calls(sweep, 4).flat()).toEqual([4, 5, 6, 7, 8, 9, 10, 0]);
  });
});
