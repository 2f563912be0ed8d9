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

export class NodeResponseSink implements StreamSink {
  // Until begin(), bytes wait here: a stream that fails to open still answers with a JSON error.
  private held: Uint8Array[] | null = [];

  constructor(private readonly response: ServerResponse) {}

  /** Sends the status and headers, then what was written so far. */
  begin(headers: Record<string, string>): void {
    this.response.writeHead(200, headers);
    for (const bytes of this.held ?? []) this.response.write(bytes);
    this.held = null;
  }

  listen(onDrain: () => void, onGone: () => void): void {
    this.response.on("drain", onDrain);
    this.response.once("close", onGone); // the client left, or the response ended
  }

  write(bytes: Uint8Array): void {
    if (this.held) this.held.push(bytes);
    else if (!this.response.writableEnded) this.response.write(bytes);
  }

  queuedBytes(): number {
    return this.response.writableLength;
  }

  end(): void {
    if (this.held) return; // never begun: whoever opened it answers
    if (!this.response.writableEnded) this.response.end();
  }

  abort(): void {
    this.response.destroy();
  }
}
