// The browser's end of the live stream: one EventSource with our own
// reconnect (exponential backoff with jitter, 1 s up to 30 s), resuming from
// the last event id it saw, topics joined and left without reconnecting, and a
// status for the UI. Messages are validated against the shared vocabulary.
import { parseStreamEvent, STREAM_EVENT_NAMES, type StreamEventName } from "../shared/stream-events";

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "disconnected";
export type StreamListener = (name: StreamEventName, data: unknown) => void;

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

export class StreamClient {
  private source: EventSource | null = null;
  private readonly topics = new Map<string, number>(); // topic → how many views want it
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

  /** Joins a topic; returns the function that leaves it. */
  subscribe(topic: string): () => void {
    const count = this.topics.get(topic) ?? 0;
    this.topics.set(topic, count + 1);
    if (count === 0) void this.changeTopics({ add: [topic] });
    return () => {
      const left = (this.topics.get(topic) ?? 1) - 1;
      if (left > 0) return void this.topics.set(topic, left);
      this.topics.delete(topic);
      void this.changeTopics({ remove: [topic] });
    };
  }

  private connect(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.source?.close();
    const url = new URL("/api/stream", window.location.origin);
    for (const topic of this.topics.keys()) url.searchParams.append("topic", topic);
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
    }
    this.onMessage(parsed.name, parsed.data);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    if (!navigator.onLine) return this.setStatus("disconnected");
    this.setStatus(this.attempts >= 6 ? "disconnected" : "reconnecting");
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempts++);
    this.timer = setTimeout(() => this.connect(), base / 2 + Math.random() * (base / 2));
  }

  private async changeTopics(change: { add?: string[]; remove?: string[] }): Promise<void> {
    if (!this.connectionId) return; // the next connect carries the topics
    const response = await fetch(`/api/stream/${this.connectionId}/topics`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(change),
    }).catch(() => null);
    // The connection is gone (another instance, a restart): reconnect with every topic.
    if (!response?.ok) this.connect();
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.onStatus(status);
  }

  private readonly handleOnline = () => {
    this.attempts = 0;
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
