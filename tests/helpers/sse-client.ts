// A real SSE client (the `eventsource` package, which reconnects with
// Last-Event-ID like a browser) that records every message, and waits for the
// message a test expects instead of sleeping.
import { EventSource } from "eventsource";
import { STREAM_EVENT_NAMES, type StreamEventName } from "@/lib/shared/stream-events";
import { bearer, type AppTarget } from "./api-client";

/** `lastEventId` as a browser reports it: the newest id seen so far on this EventSource. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of every message kind
export type Received = { event: StreamEventName; data: any; lastEventId: string };

export type StreamClient = {
  messages: Received[];
  opens: number;
  of: (event: StreamEventName) => Received[];
  waitFor: (predicate: (m: Received) => boolean, what: string, timeoutMs?: number) => Promise<Received>;
  connectionId: () => Promise<string>;
  close: () => void;
};

export function connectStream(
  { url: baseUrl, key }: AppTarget,
  topics: string[],
  { lastEventId }: { lastEventId?: string } = {},
): StreamClient {
  const url = new URL("/api/stream", baseUrl);
  for (const t of topics) url.searchParams.append("topic", t);
  if (lastEventId) url.searchParams.set("lastEventId", lastEventId);
  // The key goes in a header, as scripts send it; browsers use the session cookie.
  const source = new EventSource(url, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...bearer(key) } }),
  });
  const messages: Received[] = [];
  const waiters = new Set<() => void>();
  const client: StreamClient = {
    messages,
    opens: 0,
    of: (event) => messages.filter((m) => m.event === event),
    waitFor: (predicate, what, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(check as () => void);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${messages.map((m) => m.event).join(", ")}`));
        }, timeoutMs);
        if (!check()) waiters.add(check as () => void);
      }),
    connectionId: async () => (await client.waitFor((m) => m.event === "ready", "ready")).data.connectionId,
    close: () => source.close(),
  };
  source.addEventListener("open", () => client.opens++);
  // The package reports only the message's own id; browsers keep the last one.
  let lastId = lastEventId ?? "";
  for (const name of STREAM_EVENT_NAMES) {
    source.addEventListener(name, (e) => {
      lastId = e.lastEventId || lastId;
      messages.push({ event: name, data: JSON.parse(e.data), lastEventId: lastId });
      for (const w of [...waiters]) w();
    });
  }
  return client;
}

/** Waits until `probe` returns a value that is not undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
