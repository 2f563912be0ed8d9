import "server-only";
// LISTEN/NOTIFY on one dedicated connection of the pg driver (a pooled or
// transaction-mode connection would lose the LISTEN). A heartbeat query finds
// a connection that died silently; a lost connection is replaced with backoff.
// Notifying needs no connection of its own: each append of an event notifies
// in its own statement, at commit (append-event.ts).
import pg from "pg";
import { notifyWithEachAppend } from "../../events/append-event";
import { SENDER, type BusHooks, type BusTransport } from "./bus-transport";

const CHANNEL = "conduit_events";
const HEARTBEAT_MS = 5_000;

export function postgresBus(url: string, hooks: BusHooks): BusTransport {
  let client: pg.Client | null = null;
  let retryMs = 500;
  let closing = false;

  const connect = async (): Promise<void> => {
    // Named, so operators (and the tests) can tell it from pooled connections in pg_stat_activity.
    const c = new pg.Client({ connectionString: url, application_name: "conduit-event-bus", connectionTimeoutMillis: 3_000, query_timeout: 3_000, keepAlive: true });
    let gone = false;
    const lose = () => {
      if (gone) return;
      gone = true;
      clearInterval(heartbeat);
      if (client === c) client = null;
      hooks.connected(false);
      c.end().catch(() => undefined);
      if (!closing) setTimeout(() => void connect(), (retryMs = Math.min(retryMs * 2, 10_000)));
    };
    c.on("error", lose);
    c.on("end", lose);
    c.on("notification", (notification) => hooks.arrived(notification.payload ?? ""));
    const heartbeat = setInterval(() => void c.query("SELECT 1").catch(lose), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      client = c;
      retryMs = 500;
      hooks.connected(true); // listening now: the catch-up that follows misses nothing
    } catch {
      lose();
    }
  };
  void connect();
  const stopNotifying = notifyWithEachAppend(CHANNEL, SENDER);

  return {
    close: async () => {
      closing = true;
      stopNotifying();
      await client?.end().catch(() => undefined);
    },
  };
}
