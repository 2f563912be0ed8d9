// The tab's SWR cache kept current by the stream. Patches come from
// applyStreamMessage; this class owns the cases a patch cannot cover, where
// the cache may have missed events and must be refetched:
// - `resync` names topics whose continuity the server could not keep;
// - `dashboard:state` marks a (re)joined dashboard topic: lists may lack what came before;
// - a view seeds data rendered before events this tab has already received;
// - a tab starts following another tab's stream.
// A refetch records the messages that arrive while it runs and applies them
// again over the fetched data, so nothing that arrives during it is lost
// (SWR itself would drop a fetch result when a patch lands while it runs).
import type { Cache, ScopedMutator } from "swr";
import type { StreamEventName } from "../shared/stream-events";
import { applyStreamMessage } from "./apply-stream-message";
import { fetcher } from "./fetcher";
import { listQueryOf, taskKey } from "./swr-keys";

export type Received = { name: StreamEventName; data: unknown };
export type MessageListener = (message: Received) => void;

const quiet = { revalidate: false } as const;
const RETRY_MS = 5_000;

export class LiveCache {
  private lastId: bigint;
  private readonly recordings = new Set<Received[]>();
  private readonly listeners = new Set<MessageListener>();

  constructor(
    private readonly swr: { mutate: ScopedMutator; cache: Cache },
    private readonly viewerId: string | null,
    streamStartsAt: string,
  ) {
    this.lastId = BigInt(streamStartsAt);
  }

  /** Applies one message; the promise settles when any refetch it started is done. */
  receive(name: StreamEventName, data: unknown, id: string | null): Promise<void> {
    if (id && BigInt(id) > this.lastId) this.lastId = BigInt(id);
    for (const recording of this.recordings) recording.push({ name, data });
    this.patch(name, data);
    for (const listener of this.listeners) listener({ name, data });
    if (name === "resync") return this.refresh(this.keysOfTopics((data as { topics: string[] }).topics));
    if (name === "dashboard:state") return this.refresh(this.keys().filter((k) => listQueryOf(k)));
    return Promise.resolve();
  }

  /** Writes server-rendered data into the cache; refetches it if the tab has already moved past it. */
  seed(key: string, data: unknown, renderedAt: string): Promise<void> {
    if (this.swr.cache.get(key)?.data !== undefined) return Promise.resolve();
    void this.swr.mutate(key, data, quiet);
    return BigInt(renderedAt) < this.lastId ? this.refresh([key]) : Promise.resolve();
  }

  /** Refetches every cached key (a tab that starts following another tab's stream). */
  refreshAll(): Promise<void> {
    return this.refresh(this.keys().filter((k) => listQueryOf(k) || k.startsWith(taskKey(""))));
  }

  listen(listener: MessageListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private async refresh(keys: string[]): Promise<void> {
    if (!keys.length) return;
    const recording: Received[] = [];
    this.recordings.add(recording);
    const failed: string[] = [];
    try {
      await Promise.all(
        keys.map(async (key) => {
          try {
            await this.swr.mutate(key, await fetcher(key), quiet);
          } catch {
            failed.push(key);
          }
        }),
      );
    } finally {
      this.recordings.delete(recording);
    }
    for (const { name, data } of recording) this.patch(name, data);
    if (failed.length) setTimeout(() => void this.refresh(failed), RETRY_MS);
  }

  private patch(name: StreamEventName, data: unknown): void {
    applyStreamMessage(name, data, { mutate: this.swr.mutate, keys: () => this.keys(), viewerId: this.viewerId });
  }

  private keys(): string[] {
    return [...this.swr.cache.keys()].filter((k) => this.swr.cache.get(k)?.data !== undefined);
  }

  private keysOfTopics(topics: string[]): string[] {
    return topics.flatMap((topic) =>
      topic === "dashboard" ? this.keys().filter((k) => listQueryOf(k)) : topic.startsWith("task:") ? [taskKey(topic.slice(5))] : [],
    );
  }
}
