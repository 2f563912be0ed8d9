// One open stream: a byte-bounded queue towards the client (a StreamSink: the
// route handler's ReadableStream or Node's response), plus the subscription
// state the hub fans out to.
import { randomUUID } from "node:crypto";
import type { Viewer } from "../auth/permissions";
import type { Topic } from "../shared/stream-topics";
import { encodeRetry, encodeSse, HEARTBEAT } from "./sse-encode";
import type { StreamSink } from "./stream-sink";

type Pending = { id: bigint | null; bytes: Uint8Array };

export type CloseReason = "client" | "lifetime" | "slow" | "shutdown";

export class StreamConnection {
  readonly id = randomUUID();
  readonly topics = new Set<Topic>();
  /** Highest event id written; nothing at or below it is written again. */
  lastSentId = 0n;
  lastWriteAt = Date.now();
  closed = false;
  /** Settles when the connection closes, for whatever reason. */
  readonly whenClosed: Promise<void>;
  private markClosed!: () => void;

  // Until the prelude (replay or initial state) is written, live messages wait here.
  private pending: Pending[] | null = [];
  private pendingBytes = 0;
  private drainWaiters: (() => void)[] = [];
  private dropTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly viewer: Viewer,
    readonly deadline: number,
    private readonly queueLimit: number,
    private readonly onClosed: (connection: StreamConnection, reason: CloseReason) => void,
    private readonly sink: StreamSink,
  ) {
    this.whenClosed = new Promise((resolve) => (this.markClosed = resolve));
    sink.listen(
      () => this.onDrain(),
      () => this.close("client"),
    );
    sink.write(encodeRetry(1_000)); // first bytes at once: the browser sees the stream open
  }

  get queuedBytes(): number {
    return this.sink.queuedBytes();
  }

  /** A live event message; buffered while the prelude is still being written. */
  deliver(id: bigint, bytes: Uint8Array): void {
    if (this.pending) return this.hold({ id, bytes });
    if (id <= this.lastSentId) return; // already replayed
    if (this.write(bytes)) this.lastSentId = id;
  }

  /** A message without an event id (state, counts), kept in order with events. */
  deliverControl(bytes: Uint8Array): void {
    if (this.pending) return this.hold({ id: null, bytes });
    this.write(bytes);
  }

  /**
   * Writes a prelude message (replay or state) directly, honouring
   * backpressure: at once when there is room (no promise, no tick: a replay
   * writes thousands), else once the stream has drained.
   */
  writePrelude(bytes: Uint8Array, id: bigint | null = null): boolean | Promise<boolean> {
    if (!this.closed && this.queuedBytes + bytes.byteLength > this.queueLimit / 2) {
      return new Promise<void>((resolve) => this.drainWaiters.push(resolve)).then(() => this.writePrelude(bytes, id));
    }
    if (id !== null && id <= this.lastSentId) return !this.closed;
    const ok = this.write(bytes);
    if (ok && id !== null) this.lastSentId = id;
    return ok;
  }

  /** The prelude is written: release the live messages that waited. */
  endPrelude(): void {
    const pending = this.pending ?? [];
    this.pending = null;
    this.pendingBytes = 0;
    for (const { id, bytes } of pending) {
      if (id === null) this.write(bytes);
      else this.deliver(id, bytes);
    }
  }

  heartbeatIfIdle(now: number, intervalMs: number): void {
    if (now - this.lastWriteAt >= intervalMs) this.write(HEARTBEAT);
  }

  /** Ends the stream normally: a retry hint, then close; the client resumes by id. */
  end(reason: CloseReason, retryMs = 1_000): void {
    if (this.closed) return;
    this.write(encodeRetry(retryMs));
    this.close(reason);
  }

  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.markClosed();
    this.pending = null;
    for (const wake of this.drainWaiters.splice(0)) wake();
    if (reason !== "slow") this.sink.end();
    this.onClosed(this, reason);
  }

  private write(bytes: Uint8Array): boolean {
    if (this.closed) return false;
    if (this.queuedBytes + bytes.byteLength > this.queueLimit) {
      this.dropSlow();
      return false;
    }
    this.sink.write(bytes);
    this.lastWriteAt = Date.now();
    return true;
  }

  private hold(item: Pending): void {
    this.pending!.push(item);
    this.pendingBytes += item.bytes.byteLength;
    if (this.pendingBytes > this.queueLimit) this.dropSlow();
  }

  /**
   * Too slow to keep up: tell it to resync and stop writing. If the client does
   * not even read the rest within 5 s, the response is aborted so the runtime
   * drops the socket and its buffers.
   */
  private dropSlow(): void {
    if (this.closed) return;
    const topics = [...this.topics];
    this.sink.write(encodeSse({ event: "resync", data: { reason: "slow_consumer", topics } }));
    this.dropTimer = setTimeout(() => this.sink.abort(), 5_000);
    this.dropTimer.unref();
    this.close("slow");
  }

  private onDrain(): void {
    // Called on every read (web) or emptied buffer (Node): allocate only when a writer waits.
    if (this.drainWaiters.length) for (const wake of this.drainWaiters.splice(0)) wake();
    // A dropped connection that read everything, resync included, ends cleanly.
    if (this.dropTimer && this.queuedBytes <= 0) {
      clearTimeout(this.dropTimer);
      this.dropTimer = undefined;
      this.sink.end();
    }
  }
}
