import { describe, expect, it, vi } from "vitest";
import { StreamConnection, type CloseReason } from "@/lib/realtime/stream-connection";
import { WebStreamSink } from "@/lib/realtime/stream-sink";

const text = (s: string) => new TextEncoder().encode(s);
const viewer = { id: "u1", role: "member" as const };

function connection(queueLimit = 16_384) {
  const closed: CloseReason[] = [];
  const sink = new WebStreamSink(queueLimit);
  const c = new StreamConnection(viewer, Date.now() + 60_000, queueLimit, (_c, reason) => closed.push(reason), sink);
  return { c, closed, stream: sink.stream };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let out = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out += decoder.decode(chunk);
  return out;
}

describe("StreamConnection", () => {
  it("holds live messages until the prelude is written, then releases them in order without repeats", async () => {
    const { c, stream } = connection();
    c.lastSentId = 10n;
    c.deliver(12n, text("live-12\n"));
    c.deliverControl(text("counts\n"));
    c.deliver(13n, text("live-13\n"));
    await c.writePrelude(text("replay-11\n"), 11n);
    await c.writePrelude(text("replay-12\n"), 12n);
    c.endPrelude();
    c.deliver(13n, text("again-13\n")); // already sent
    c.deliver(14n, text("live-14\n"));
    c.end("client");
    const out = await readAll(stream);
    expect(out).toBe("retry: 1000\n\nreplay-11\nreplay-12\ncounts\nlive-13\nlive-14\nretry: 1000\n\n");
  });

  // A replay writes thousands of messages: each is written at once while there
  // is room (no promise), and only past half the queue does it wait for a drain.
  it("writes prelude messages at once while there is room, and after a drain once half the queue is taken", async () => {
    const { c, stream } = connection(16_384);
    const chunk = new Uint8Array(4_000).fill(120);
    expect(c.writePrelude(chunk, 1n)).toBe(true);
    expect(c.writePrelude(chunk, 2n)).toBe(true);
    const third = c.writePrelude(chunk, 3n);
    if (!(third instanceof Promise)) throw new Error("the third message should wait for a drain");
    expect(c.lastSentId).toBe(2n);
    const reader = stream.getReader();
    let waited = true;
    void third.then(() => (waited = false));
    while (waited) await reader.read(); // the client reads: the queue drains
    expect(await third).toBe(true);
    expect(c.lastSentId).toBe(3n);
  });

  it("drops a connection whose queue passes the limit: resync, then the end", async () => {
    vi.useFakeTimers();
    try {
      const { c, closed, stream } = connection(16_384);
      c.topics.add("dashboard");
      c.endPrelude();
      const chunk = new Uint8Array(4_000).fill(120);
      for (let id = 1n; id <= 6n; id++) c.deliver(id, chunk);
      expect(closed).toEqual(["slow"]);
      expect(c.closed).toBe(true);
      expect(c.lastSentId).toBe(4n); // the fifth did not fit
      const out = await readAll(stream);
      expect(out.endsWith('event: resync\ndata: {"reason":"slow_consumer","topics":["dashboard"]}\n\n')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("errors the stream of a dropped client that does not read, so its buffers are freed", async () => {
    vi.useFakeTimers();
    try {
      const { c, stream } = connection(16_384);
      c.endPrelude();
      for (let id = 1n; id <= 6n; id++) c.deliver(id, new Uint8Array(4_000));
      vi.advanceTimersByTime(5_001);
      await expect(readAll(stream)).rejects.toThrow("slow consumer");
    } finally {
      vi.useRealTimers();
    }
  });

  it("writes a heartbeat only after the interval without other writes", async () => {
    const { c, stream } = connection();
    c.endPrelude();
    const start = c.lastWriteAt;
    c.heartbeatIfIdle(start + 100, 1_000);
    c.heartbeatIfIdle(start + 1_000, 1_000);
    c.end("client");
    expect((await readAll(stream)).match(/: heartbeat/g)).toHaveLength(1);
  });
});
