// The browser's end of the live stream: one EventSource with our own
// reconnect (exponential backoff with jitter, 1 s up to 30 s), resuming from
// the last event id it saw, topics joined and left without reconnecting, and a
// status for the UI. Messages are validated against the shared vocabulary.
// One tab of the browser runs it for all tabs (see shared-stream.ts).
import { parseStreamEvent, STREAM_EVENT_NAMES, type StreamEventName } from "../shared/stream-events";

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "disconnected";
/** `id` is the last event id received so far, if any. */
export type StreamListener = (name: StreamEventName, data: unknown, id: string | null) => void;

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

export class StreamClient {
  private source: EventSource | null = null;
  private topics = new Set<string>(); // what the tabs want
  private joined = new Set<string>(); // what the open connection has
  private connectionId: string | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  status: ConnectionStatus = "connecting";

  constructor(
    private lastEventId: string | null,
    private readonly onMessage: StreamListener,
    private readonly onStatus: (status: ConnectionStatus) => void,
  ) {}

  start(): void {
    this.stopped = false;
    window.addEventListener("online", this.handleOnline);
    window.addEventListener("offline", this.handleOffline);
    if (navigator.onLine) this.connect();
    else this.setStatus("disconnected");
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
    window.removeEventListener("online", this.handleOnline);
    window.removeEventListener("offline", this.handleOffline);
  }

  /** The topics the stream should carry; joined and left on the open connection. */
  setTopics(topics: Iterable<string>): void {
    this.topics = new Set(topics);
    void this.syncTopics();
  }


  private connect(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.source?.close();
    const url = new URL("/api/stream", window.location.origin);
    this.joined = new Set(this.topics);
    for (const topic of this.joined) url.searchParams.append("topic", topic);
    if (this.lastEventId) url.searchParams.set("lastEventId", this.lastEventId);
    const source = new EventSource(url);
    this.source = source;
    for (const name of STREAM_EVENT_NAMES) {
      source.addEventListener(name, (event) => this.receive(name, event as MessageEvent<string>));
    }
    // Our own reconnect, not the browser's: it resumes by id with backoff.
    source.onerror = () => {
      source.close();
      if (this.source !== source) return;
      this.source = null;
      this.connectionId = null;
      this.scheduleReconnect();
    };
  }

  private receive(name: StreamEventName, event: MessageEvent<string>): void {
    if (event.lastEventId) this.lastEventId = event.lastEventId;
    const parsed = parseStreamEvent(name, event.data);
    if (!parsed) return;
    if (parsed.name === "ready") {
      this.connectionId = (parsed.data as { connectionId: string }).connectionId;
      this.attempts = 0;
      this.setStatus("connected");
      void this.syncTopics(); // topics that changed while connecting
    }
    this.onMessage(parsed.name, parsed.data, this.lastEventId);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    if (!navigator.onLine) return this.setStatus("disconnected");
    this.setStatus(this.attempts >= 6 ? "disconnected" : "reconnecting");
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempts++);
    this.timer = setTimeout(() => this.connect(), base / 2 + Math.random() * (base / 2));
  }

  private async syncTopics(): Promise<void> {
    if (!this.connectionId) return; // the next connect carries the topics
    const add = [...this.topics].filter((t) => !this.joined.has(t));
    const remove = [...this.joined].filter((t) => !this.topics.has(t));
    if (!add.length && !remove.length) return;
    this.joined = new Set(this.topics);
    const connectionId = this.connectionId;
    const response = await fetch(`/api/stream/${connectionId}/topics`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ add, remove }),
    }).catch(() => null);
    // The connection is gone (another instance, a restart): reconnect with every topic.
    if (!response?.ok && this.connectionId === connectionId) this.connect();
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.onStatus(status);
  }

  private readonly handleOnline = () => {
    this.attempts = 0;
    this.setStatus("reconnecting");
    this.connect();
  };

  private readonly handleOffline = () => {
    this.source?.close();
    this.source = null;
    this.connectionId = null;
    clearTimeout(this.timer);
    this.setStatus("disconnected");
  };
}
