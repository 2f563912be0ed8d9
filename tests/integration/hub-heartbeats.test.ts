// Streams opened together fall due for their heartbeats together. The hub
// checks a batch of its connections per tick (rolling-sweep.ts), so their
// heartbeats leave over the whole check cycle rather than all in one tick,
// where 1,000 socket writes held up the requests behind them (PERFORMANCE.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { getHub } from "@/lib/realtime/hub";
import { SWEEP_BATCH as BATCH } from "@/lib/realtime/rolling-sweep";
import type { StreamSink } from "@/lib/realtime/stream-sink";
import { eventually } from "../helpers/sse-client";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();
beforeAll(() => {
  process.env.STREAM_HEARTBEAT_MS = "200";
  resetEnvCache();
});
afterAll(async () => {
  (await getHub()).closeAll();
  delete process.env.STREAM_HEARTBEAT_MS;
  resetEnvCache();
});

const STREAMS = 200;

/**
 * Sinks that note the pass each stream's first heartbeat is written in:
 * writes in one synchronous run, with no microtask between them, are one pass.
 */
function heartbeatRecorder() {
  const firstBeatPass = new Map<number, number>();
  let pass = 0;
  let inPass = false;
  const sink = (stream: number): StreamSink => ({
    write(bytes) {
      if (!new TextDecoder().decode(bytes).startsWith(": heartbeat") || firstBeatPass.has(stream)) return;
      if (!inPass) {
        inPass = true;
        pass++;
        queueMicrotask(() => (inPass = false));
      }
      firstBeatPass.set(stream, pass);
    },
    queuedBytes: () => 0,
    end: () => undefined,
    abort: () => undefined,
    listen: () => undefined,
  });
  return { sink, firstBeatPass };
}

describe("the hub's heartbeats", () => {
  it("spreads the heartbeats of streams opened together over its check cycle", async () => {
    const hub = await getHub();
    const { sink, firstBeatPass } = heartbeatRecorder();
    const idleTask = "task:00000000-0000-4000-8000-000000000000" as const;
    await Promise.all(Array.from({ length: STREAMS }, (_, i) => hub.open({ id: "hub-test", role: "admin" }, [idleTask], undefined, sink(i))));

    await eventually(async () => (firstBeatPass.size === STREAMS ? true : undefined), "a heartbeat on every stream");
    const perPass = new Map<number, number>();
    for (const pass of firstBeatPass.values()) perPass.set(pass, (perPass.get(pass) ?? 0) + 1);
    expect(Math.max(...perPass.values())).toBeLessThanOrEqual(BATCH);
    expect(perPass.size).toBeGreaterThanOrEqual(STREAMS / BATCH);
  });
});
