// The in-process hub: which connection listens to which topic, and the pump
// that reads committed TaskEvents in id order and writes each one, serialized
// once, to every connection that subscribes to it and may see it.
//
// Events this process commits come with their rows (event-signal.ts). When
// they continue the log exactly where the hub stands (the first is cursor + 1,
// the rest follow one by one), nothing can be missing before them: ids commit
// in order (append-event.ts), so every smaller id is committed or never will
// be. The hub then fans them out without reading them back; otherwise (another
// instance wrote in between, a rolled-back append left a gap) it reads the table.
//
// Ordering: the pump, connection registration and topic joins run one at a time
// (`exclusive`), and `cursor` is the last event id fanned out. A new connection
// replays (its resume point, cursor] from the database while live events past
// the cursor wait in its buffer, so the hand-over has no gap and no duplicate.
import type { Viewer } from "../auth/permissions";
import { getEnv } from "../config/env";
import { log } from "../observability/log";
import { metrics } from "../observability/metrics";
import { onNewEvents } from "../events/event-signal";
import type { StreamEventRow } from "../events/event-row";
import { EVENT_BATCH, newestEventId, readEvents } from "../events/read-events";
import { DASHBOARD_TOPIC, type Topic } from "../shared/stream-topics";
import { LiveCounts } from "../tasks/live-counts";
import { RollingSweep } from "./rolling-sweep";
import { encodeSse } from "./sse-encode";
import { MessageGroup } from "./stream-messages";
import { StreamConnection, type CloseReason } from "./stream-connection";
import type { StreamSink } from "./stream-sink";
import { planStream } from "./stream-plan";
import { writePrelude } from "./stream-prelude";
import { topicStateMessage } from "./topic-state";

// Counts go out at most this often: one headline update per burst, not per event.
const COUNTS_INTERVAL_MS = 250;

// After a fan-out the hub waits twice as long as it took (at most 50 ms) before
// the next, so fanning out takes at most a third of the event loop and the rest
// stays for webhooks and connections. Events committed meanwhile go out
// together: a stream's writes within one tick leave in one syscall (Node corks
// a response until the next tick), and at 1,000 streams one event's fan-out is
// ~1,000 syscalls, about half the server's time under a burst. An event after
// a quiet spell goes out at once.
const FANOUT_PAUSE_FACTOR = 2;
const FANOUT_PAUSE_MAX_MS = 50;

export type HubStats = {
  connections: number;
  subscriptions: Record<string, number>;
  eventsPerSecond: number;
  slowConsumersDropped: number;
  errors: number;
  cursor: string;
};

export class Hub {
  private readonly connections = new Map<string, StreamConnection>();
  private readonly byTopic = new Map<Topic, Set<StreamConnection>>();
  private cursor = 0n;
  private queue: Promise<void> = Promise.resolve();
  /** The wake queued and not yet run: the committed rows it was given, or `read` when any wake had none. */
  private woken: { rows: StreamEventRow[]; read: boolean } | null = null;
  /** performance.now() before which the next fan-out waits (FANOUT_PAUSE_FACTOR). */
  private resumeFanOutAt = 0;
  /** The timer of a wake waiting out that pause (closeAll clears it). */
  private pauseTimer: NodeJS.Timeout | undefined;
  /**
   * A fan-out's time is still being taken (its writes leave on the next tick):
   * a wake meanwhile waits for the pause it sets. On PGlite a commit can
   * finish within the very tick of the fan-out, before that pause is known.
   */
  private timing = false;
  private readonly perSecond = new Array<number>(10).fill(0);
  private second = Math.floor(Date.now() / 1000);
  /** Checks each connection's heartbeat and lifetime once per cycle, a batch at a time. */
  private readonly sweep: RollingSweep<StreamConnection>;
  private readonly stopListening: () => void;
  private slowDropped = 0;
  private countsTimer: NodeJS.Timeout | undefined;
  /** The dashboard's counts as of the cursor; null until read, or after the hub lost track of them. */
  private counts: LiveCounts | null = null;
  // Connections that arrive together share one state read (see stateFor).
  private readonly states = new Map<string, Promise<Uint8Array | null>>();
  private errors = 0;
  private readonly settings = getEnv();

  private constructor(cursor: bigint) {
    this.cursor = cursor;
    this.stopListening = onNewEvents((committed) => this.wake(committed));
    const cycleMs = Math.min(1_000, Math.floor(this.settings.STREAM_HEARTBEAT_MS / 2));
    this.sweep = new RollingSweep(this.connections, cycleMs, (c) => this.check(c));
  }

  static async start(): Promise<Hub> {
    return new Hub(await newestEventId());
  }

  /** Registers a connection and answers at once; its prelude is written in the background. */
  async open(viewer: Viewer, topics: Topic[], resumeFrom: bigint | undefined, sink: StreamSink): Promise<StreamConnection> {
    const { STREAM_LIFETIME_MS, STREAM_QUEUE_BYTES, EVENT_RETENTION_SECONDS, STREAM_REPLAY_MAX } = this.settings;
    const jitter = 0.9 + Math.random() * 0.2; // spread reconnects after a deploy
    const connection = new StreamConnection(
      viewer,
      Date.now() + STREAM_LIFETIME_MS * jitter,
      STREAM_QUEUE_BYTES,
      (c, reason) => this.forget(c, reason),
      sink,
    );
    const [plan, states] = await this.exclusive(async () => {
      for (const topic of topics) this.subscribe(connection, topic);
      this.connections.set(connection.id, connection);
      const plan = await planStream(connection.topics, resumeFrom, this.cursor, {
        retentionMs: EVENT_RETENTION_SECONDS * 1000,
        replayMax: STREAM_REPLAY_MAX,
      });
      connection.lastSentId = plan.start;
      // Started here, at the registration cursor; awaited in the prelude.
      const states = plan.kind === "fresh" ? topics.map((t) => this.stateFor(t, viewer)) : [];
      return [plan, states] as const;
    });
    void writePrelude(connection, plan, states).catch((error: unknown) => this.fail(error, connection));
    return connection;
  }

  /** Adds and removes topics of an open connection; each new topic gets its state. */
  async changeTopics(connection: StreamConnection, add: Topic[], remove: Topic[]): Promise<void> {
    for (const topic of remove) this.unsubscribe(connection, topic);
    const added = add.filter((t) => !connection.topics.has(t));
    if (!added.length) return;
    await this.exclusive(async () => {
      for (const topic of added) {
        this.subscribe(connection, topic);
        const state = await this.stateFor(topic, connection.viewer);
        if (state) connection.deliverControl(state);
      }
    });
  }

  /** Shutdown: every stream gets a retry hint (spread over a second) and closes; clients resume by id. */
  closeAll(): number {
    this.sweep.stop();
    clearTimeout(this.pauseTimer); // what waits in a pause is for streams that are closing
    this.woken = null;
    this.stopListening();
    const open = [...this.connections.values()];
    for (const c of open) c.end("shutdown", 250 + Math.floor(Math.random() * 1_000));
    return open.length;
  }

  find(connectionId: string): StreamConnection | undefined {
    return this.connections.get(connectionId);
  }

  /**
   * New events have committed somewhere (`committed`: here, with their rows):
   * fan them out, coalesced, one at a time.
   */
  wake(committed?: readonly StreamEventRow[]): void {
    if (this.woken) {
      if (committed) this.woken.rows.push(...committed);
      else this.woken.read = true;
      return;
    }
    this.woken = { rows: committed ? [...committed] : [], read: !committed };
    if (!this.timing) this.fanOutAfterPause();
  }

  private fanOutAfterPause(): void {
    const pause = this.resumeFanOutAt - performance.now();
    if (pause > 0) (this.pauseTimer = setTimeout(() => this.fanOutWoken(), pause)).unref();
    else this.fanOutWoken();
  }

  private fanOutWoken(): void {
    this.exclusive(async () => {
      if (!this.woken) return; // closeAll dropped it
      const { rows, read } = this.woken;
      this.woken = null;
      const fresh = rows.filter((row) => row.id > this.cursor).sort((a, b) => (a.id < b.id ? -1 : 1));
      if (!read && fresh.every((row, i) => row.id === this.cursor + BigInt(i + 1))) this.publish(fresh);
      else await this.pump();
    }).catch((error: unknown) => {
      this.fail(error);
      setTimeout(() => this.wake(), 1_000).unref(); // the database will come back
    });
  }

  stats(): HubStats {
    this.rollSeconds();
    const subscriptions = Object.fromEntries(
      [...this.byTopic].sort((a, b) => b[1].size - a[1].size).slice(0, 50).map(([topic, set]) => [topic, set.size]),
    );
    return {
      connections: this.connections.size,
      subscriptions,
      eventsPerSecond: this.perSecond.reduce((a, b) => a + b, 0) / this.perSecond.length,
      slowConsumersDropped: this.slowDropped,
      errors: this.errors,
      cursor: this.cursor.toString(),
    };
  }


  private async pump(): Promise<void> {
    if (this.connections.size === 0) {
      this.cursor = await newestEventId(); // nobody to tell: just keep up
      this.states.clear();
      this.counts = null; // the events skipped did not move them
      return;
    }
    for (;;) {
      const rows = await readEvents({ after: this.cursor }, EVENT_BATCH);
      this.publish(rows);
      if (rows.length < EVENT_BATCH) break;
    }
  }

  /** Fans out the events that follow the cursor, in id order, and moves the cursor past them. */
  private publish(rows: readonly StreamEventRow[]): void {
    if (rows.length === 0) return;
    const startedAt = performance.now();
    this.states.clear();
    let countsChanged = false;
    for (const row of rows) {
      const group = new MessageGroup(row);
      this.fanOut(group);
      this.countChange(group);
      countsChanged ||= group.countsChange !== null;
      this.cursor = row.id;
    }
    this.countEvents(rows.length);
    if (countsChanged) this.scheduleCounts();
    // Queued after the responses' uncork ticks, so it measures the syscalls too.
    this.timing = true;
    process.nextTick(() => {
      const took = performance.now() - startedAt;
      this.resumeFanOutAt = startedAt + took + Math.min(took * FANOUT_PAUSE_FACTOR, FANOUT_PAUSE_MAX_MS);
      this.timing = false;
      if (this.woken) this.fanOutAfterPause();
    });
  }

  private fanOut(group: MessageGroup): void {
    const taskSubscribers = this.byTopic.get(group.taskTopic);
    const dashboard = this.byTopic.get(DASHBOARD_TOPIC);
    if (taskSubscribers) {
      for (const c of taskSubscribers) this.send(c, group, true, c.topics.has(DASHBOARD_TOPIC));
    }
    if (dashboard) {
      for (const c of dashboard) if (!c.topics.has(group.taskTopic)) this.send(c, group, false, true);
    }
  }

  private send(c: StreamConnection, group: MessageGroup, task: boolean, dashboard: boolean): void {
    const bytes = group.bytesForViewer(c.viewer, task, dashboard);
    if (bytes) c.deliver(group.id, bytes);
  }

  /** Moves the counts by an event they do not include yet (live-counts.ts). */
  private countChange({ id, countsChange }: MessageGroup): void {
    if (!this.counts || !countsChange || id <= this.counts.at) return;
    if (countsChange === "unknown") this.counts = null;
    else this.counts.apply(countsChange);
  }

  private scheduleCounts(): void {
    this.countsTimer ??= setTimeout(() => {
      this.exclusive(async () => {
        this.countsTimer = undefined;
        const dashboard = this.byTopic.get(DASHBOARD_TOPIC);
        if (!dashboard?.size) return;
        // Read inside `exclusive`: at or past the cursor, so no event is counted twice or missed.
        this.counts ??= await LiveCounts.read();
        // Viewers see different counts (private tasks): encode each distinct figure once.
        const countsFor = this.counts.forEveryone();
        const encoded = new Map<string, Uint8Array>();
        for (const c of dashboard) {
          const data = countsFor(c.viewer);
          const key = `${data.active}|${data.completed}|${data.failed}`;
          let bytes = encoded.get(key);
          if (!bytes) encoded.set(key, (bytes = encodeSse({ event: "dashboard:task_count_changed", data })));
          c.deliverControl(bytes);
        }
      }).catch((error: unknown) => this.fail(error));
    }, COUNTS_INTERVAL_MS);
  }

  /**
   * A topic's state message. Connections registered at the same cursor share one
   * read: it happens after that cursor, so it holds every event a connection
   * starting there must not miss. The cache empties whenever the cursor moves.
   */
  private stateFor(topic: Topic, viewer: Viewer): Promise<Uint8Array | null> {
    const key = `${this.cursor}|${viewer.id}|${topic}`;
    let state = this.states.get(key);
    if (!state) {
      state = topicStateMessage(topic, viewer);
      state.catch(() => this.states.delete(key));
      this.states.set(key, state);
    }
    return state;
  }

  private subscribe(connection: StreamConnection, topic: Topic): void {
    connection.topics.add(topic);
    let set = this.byTopic.get(topic);
    if (!set) this.byTopic.set(topic, (set = new Set()));
    set.add(connection);
  }

  private unsubscribe(connection: StreamConnection, topic: Topic): void {
    connection.topics.delete(topic);
    const set = this.byTopic.get(topic);
    set?.delete(connection);
    if (set?.size === 0) this.byTopic.delete(topic);
  }

  private forget(connection: StreamConnection, reason: CloseReason): void {
    if (reason === "slow") {
      this.slowDropped++;
      metrics.stream.slowDropped.inc();
    }
    for (const topic of [...connection.topics]) this.unsubscribe(connection, topic);
    this.connections.delete(connection.id);
  }

  private check(c: StreamConnection): void {
    const now = Date.now();
    if (now >= c.deadline) c.end("lifetime");
    else c.heartbeatIfIdle(now, this.settings.STREAM_HEARTBEAT_MS);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private countEvents(n: number): void {
    metrics.stream.events.inc(n);
    this.rollSeconds();
    this.perSecond[this.perSecond.length - 1]! += n;
  }

  private rollSeconds(): void {
    const now = Math.floor(Date.now() / 1000);
    for (; this.second < now; this.second++) {
      this.perSecond.shift();
      this.perSecond.push(0);
      if (now - this.second > this.perSecond.length) this.second = now - this.perSecond.length;
    }
  }

  private fail(error: unknown, connection?: StreamConnection): void {
    this.errors++;
    log.error({ err: error }, "stream hub error");
    connection?.end("client");
  }
}

const holder = globalThis as typeof globalThis & { __conduitHub?: Promise<Hub> };

/** The process's hub, started on first use (it survives Next dev reloads). */
export function getHub(): Promise<Hub> {
  holder.__conduitHub ??= Hub.start().catch((error: unknown) => {
    holder.__conduitHub = undefined; // never cache a failure
    throw error;
  });
  return holder.__conduitHub;
}

/** The hub if one is running, without starting it (health, shutdown). */
export function runningHub(): Promise<Hub> | undefined {
  return holder.__conduitHub;
}
