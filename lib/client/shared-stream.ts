// One stream per browser, not per tab: browsers allow six HTTP/1.1
// connections per host, so eight tabs with a stream each would starve. The tab
// holding a Web Lock is the leader: it runs the StreamClient for the union of
// every tab's topics and posts each message on a BroadcastChannel; the other
// tabs apply what it posts. When the leader closes, the browser hands the lock
// to a waiting tab, which resumes from the last event id it saw posted.
// Without Web Locks (an insecure origin) every tab runs its own stream.
import type { StreamEventName } from "../shared/stream-events";
import { StreamClient, type ConnectionStatus, type StreamListener } from "./stream-client";

const LOCK = "conduit-stream-leader";
const CHANNEL = "conduit-stream";

type TabMessage =
  | { type: "topics"; tabId: string; topics: string[] } // a tab's topics, on change and on roll call
  | { type: "bye"; tabId: string }
  | { type: "roll-call" } // a new leader asks every tab for its topics
  | { type: "message"; name: StreamEventName; data: unknown; id: string | null }
  | { type: "status"; status: ConnectionStatus };

type Callbacks = {
  onMessage: StreamListener;
  onStatus: (status: ConnectionStatus) => void;
  /** This tab follows a stream it did not start: data it rendered may miss what came before it listened. */
  onFollow: () => void;
};

export class SharedStream {
  private readonly tabId = crypto.randomUUID();
  private readonly mine = new Map<string, number>(); // this tab's topics → how many views want each
  private readonly others = new Map<string, string[]>(); // leader: the other tabs' topics
  private client: StreamClient | null = null;
  private channel: BroadcastChannel | null = null;
  private abort: AbortController | null = null;
  private status: ConnectionStatus = "connecting";

  constructor(
    private lastEventId: string | null,
    private readonly callbacks: Callbacks,
  ) {}

  start(): void {
    if (typeof navigator.locks === "undefined" || typeof BroadcastChannel === "undefined") return this.lead();
    this.abort = new AbortController();
    this.channel = new BroadcastChannel(CHANNEL);
    this.channel.onmessage = (event: MessageEvent<TabMessage>) => this.receive(event.data);
    window.addEventListener("pagehide", this.leave);
    window.addEventListener("pageshow", this.rejoin);
    const { signal } = this.abort;
    // Lead now if nobody does; else follow and queue for the lock.
    void navigator.locks
      .request(LOCK, { ifAvailable: true }, (lock) => {
        if (lock) return this.holdWhileLeading(signal);
        this.follow();
        return navigator.locks.request(LOCK, { signal }, () => this.holdWhileLeading(signal));
      })
      .catch(() => undefined); // aborted by stop()
  }

  stop(): void {
    this.leave();
    window.removeEventListener("pagehide", this.leave);
    window.removeEventListener("pageshow", this.rejoin);
    this.abort?.abort();
    this.channel?.close();
    this.channel = null;
    this.client?.stop();
    this.client = null;
  }

  /** Joins a topic for this tab; returns the function that leaves it. */
  subscribe(topic: string): () => void {
    this.mine.set(topic, (this.mine.get(topic) ?? 0) + 1);
    this.topicsChanged();
    return () => {
      const left = (this.mine.get(topic) ?? 1) - 1;
      if (left > 0) this.mine.set(topic, left);
      else this.mine.delete(topic);
      this.topicsChanged();
    };
  }

  private holdWhileLeading(signal: AbortSignal): Promise<void> {
    this.lead();
    return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  }

  private lead(): void {
    if (this.client) return;
    this.client = new StreamClient(
      this.lastEventId,
      (name, data, id) => {
        this.lastEventId = id;
        this.post({ type: "message", name, data, id });
        this.callbacks.onMessage(name, data, id);
      },
      (status) => {
        this.setStatus(status);
        this.post({ type: "status", status });
      },
    );
    this.client.setTopics(this.union());
    this.client.start();
    this.post({ type: "roll-call" });
  }

  private follow(): void {
    this.postTopics();
    this.callbacks.onFollow();
  }

  private receive(message: TabMessage): void {
    switch (message.type) {
      case "message":
        if (message.id) this.lastEventId = message.id;
        return this.callbacks.onMessage(message.name, message.data, message.id);
      case "status":
        return this.setStatus(message.status);
      case "roll-call":
        return this.postTopics();
      case "topics":
        this.others.set(message.tabId, message.topics);
        if (this.client) {
          this.client.setTopics(this.union());
          this.post({ type: "status", status: this.status }); // a new tab learns the status
        }
        return;
      case "bye":
        this.others.delete(message.tabId);
        return this.client?.setTopics(this.union());
    }
  }

  private topicsChanged(): void {
    if (this.client) this.client.setTopics(this.union());
    else this.postTopics();
  }

  private union(): Set<string> {
    return new Set([...this.mine.keys(), ...[...this.others.values()].flat()]);
  }

  private postTopics(): void {
    this.post({ type: "topics", tabId: this.tabId, topics: [...this.mine.keys()] });
  }

  private post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.callbacks.onStatus(status);
  }

  private readonly leave = () => this.post({ type: "bye", tabId: this.tabId });
  /** Back from the back-forward cache: announce the topics the `bye` withdrew. */
  private readonly rejoin = (event: PageTransitionEvent) => {
    if (event.persisted) this.topicsChanged();
  };
}
