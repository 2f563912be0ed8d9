// Where an open stream's bytes go. Two transports, one StreamConnection:
// - WebStreamSink: a ReadableStream returned as the route handler's Response
//   (app/api/stream/route.ts: `next dev`, Vercel);
// - NodeResponseSink: Node's own response (node-stream.ts, used by our Node
//   server lib/cli/serve.mjs). Next's route pipeline keeps ~78 KB of JS heap
//   per open response alive for as long as it streams (its suspended request
//   handling, stores, listeners and pipe state: a heap snapshot of 1,000 idle
//   streams) and adds a promise round per chunk; on Node's response an idle
//   stream costs 6 to 13 KB of server memory (npm run bench).
import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";

export interface StreamSink {
  /** Queues bytes for the client; the connection bounds the queue (queuedBytes). */
  write(bytes: Uint8Array): void;
  /** Bytes accepted but not yet taken by the client. */
  queuedBytes(): number;
  /** Ends the response normally. */
  end(): void;
  /** Drops the response: the runtime frees the socket and its buffers. */
  abort(): void;
  /** The connection's callbacks: the client took bytes (the queue shrank), or went away. */
  listen(onDrain: () => void, onGone: () => void): void;
}

export class WebStreamSink implements StreamSink {
  readonly stream: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private onDrain = () => {};
  private onGone = () => {};

  constructor(private readonly queueLimit: number) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => void (this.controller = controller),
        pull: () => this.onDrain(), // every read of the stream
        cancel: () => this.onGone(),
      },
      // Bytes, not chunks, measure the queue; StreamConnection enforces the limit.
      { highWaterMark: queueLimit, size: (chunk) => chunk.byteLength },
    );
  }

  listen(onDrain: () => void, onGone: () => void): void {
    this.onDrain = onDrain;
    this.onGone = onGone;
  }

  write(bytes: Uint8Array): void {
    this.controller.enqueue(bytes);
  }

  queuedBytes(): number {
    return this.queueLimit - (this.controller.desiredSize ?? 0);
  }

  end(): void {
    try {
      this.controller.close();
    } catch {
      // already closed or errored by the runtime
    }
  }

  abort(): void {
    try {
      this.controller.error(new Error("slow consumer"));
    } catch {
      // already finished
    }
  }
}

/**
 * Node's response, written past it: after the headers, events go straight to
 * the socket as HTTP chunks we frame ourselves, so the response still ends
 * with its terminating chunk and the connection stays reusable.
 *
 * Why: at 1,000 streams one event is 1,000 writes, and a response's write
 * corks its socket, schedules an uncork on the next tick and leaves through
 * the writev path: ~14 µs per stream here, against ~10 µs for one plain
 * socket write (a bare-Node probe, 1,000 local SSE clients). Writes within
 * one tick (a paced batch of events, hub.ts) still leave as one: each sink
 * keeps them until one shared next-tick flush.
 */
export class NodeResponseSink implements StreamSink {
  // Until begin(), bytes wait here: a stream that fails to open still answers with a JSON error.
  private held: Uint8Array[] | null = [];
  // Written since the last flush (flushWritten), and their size.
  private queued: Uint8Array[] = [];
  private queuedSize = 0;
  private onDrain = () => {};
  // A pipelined request's response gets its socket only once the response
  // before it ends: such a stream keeps to the response's own writes.
  private readonly socket: Socket | null;

  constructor(private readonly response: ServerResponse) {
    this.socket = response.socket;
  }

  /** Sends the status and headers, then what was written so far. */
  begin(headers: Record<string, string>): void {
    this.response.writeHead(200, headers);
    this.response.flushHeaders(); // before any chunk of ours reaches the socket
    const held = this.held ?? [];
    this.held = null;
    for (const bytes of held) this.write(bytes);
  }

  listen(onDrain: () => void, onGone: () => void): void {
    this.onDrain = onDrain;
    const drains = this.socket ?? this.response;
    drains.on("drain", onDrain);
    this.response.once("close", () => {
      drains.off("drain", onDrain); // a kept-alive socket may serve further requests
      onGone(); // the client left, or the response ended
    });
  }

  write(bytes: Uint8Array): void {
    if (this.held) this.held.push(bytes);
    else if (this.response.writableEnded || bytes.byteLength === 0) return;
    else if (!this.socket) this.response.write(bytes);
    else {
      if (this.queued.push(bytes) === 1 && toFlush.push(this) === 1) process.nextTick(flushWritten);
      this.queuedSize += bytes.byteLength;
    }
  }

  queuedBytes(): number {
    return this.socket ? this.socket.writableLength + this.queuedSize : this.response.writableLength;
  }

  end(): void {
    if (this.held) return; // never begun: whoever opened it answers
    this.flush();
    if (!this.response.writableEnded) this.response.end(); // the terminating chunk
  }

  abort(): void {
    this.response.destroy(); // a flush still due finds the socket destroyed
  }

  /**
   * Sends what was written since the last flush as one chunk, in one socket
   * write. `framed` holds chunks already built this flush by queued bytes:
   * streams that were written the same messages (a fan-out's dashboard
   * subscribers, most of all) share one chunk instead of each copying it.
   */
  flush(framed?: FramedChunks): void {
    const { queued, queuedSize } = this;
    if (!queued.length) return;
    this.queued = [];
    this.queuedSize = 0;
    const socket = this.socket;
    if (!socket || socket.destroyed || this.response.writableEnded) return;
    // An HTTP/1.0 client gets no chunked encoding: its body simply ends with the connection.
    const chunked = this.response.chunkedEncoding;
    let chunk = framed?.find(queued, chunked);
    if (!chunk) {
      chunk = frame(queued, queuedSize, chunked);
      framed?.keep(queued, chunked, chunk);
    }
    // Our queue just moved to the socket: unless the socket says to wait for its drain, that is a drain too.
    if (socket.write(chunk)) this.onDrain();
  }
}

function frame(parts: Uint8Array[], size: number, chunked: boolean): Buffer {
  const [head, tail] = chunked ? [`${size.toString(16)}\r\n`, "\r\n"] : ["", ""];
  const chunk = Buffer.allocUnsafe(head.length + size + tail.length);
  let at = chunk.write(head, "latin1");
  for (const bytes of parts) {
    chunk.set(bytes, at);
    at += bytes.byteLength;
  }
  chunk.write(tail, at, "latin1");
  return chunk;
}

/**
 * The chunks one flush has built, found again by the very byte arrays they
 * hold (the hub encodes each message once and hands every stream the same
 * array). A socket only reads what it is given, so one chunk serves them all.
 * Keyed by the first array, for HTTP chunked streams and unframed ones
 * (HTTP/1.0) apart; the rest of the arrays are compared one by one.
 */
class FramedChunks {
  private readonly byFirst = { chunked: new Map<Uint8Array, Framed>(), raw: new Map<Uint8Array, Framed>() };

  find(parts: Uint8Array[], chunked: boolean): Buffer | undefined {
    const known = this.mapFor(chunked).get(parts[0]!);
    if (!known || known.parts.length !== parts.length) return undefined;
    for (let i = 1; i < parts.length; i++) if (known.parts[i] !== parts[i]) return undefined;
    return known.chunk;
  }

  keep(parts: Uint8Array[], chunked: boolean, chunk: Buffer): void {
    this.mapFor(chunked).set(parts[0]!, { parts, chunk });
  }

  private mapFor(chunked: boolean) {
    return chunked ? this.byFirst.chunked : this.byFirst.raw;
  }
}

type Framed = { parts: Uint8Array[]; chunk: Buffer };

// Sinks with bytes written this tick; one next-tick callback flushes them all.
let toFlush: NodeResponseSink[] = [];

function flushWritten(): void {
  const sinks = toFlush;
  toFlush = [];
  const framed = new FramedChunks();
  for (const sink of sinks) sink.flush(framed);
}
