import "server-only";
// Wakes the hubs of other instances when events commit (EVENT_BUS):
// - memory: one process, nothing to tell anyone;
// - postgres: LISTEN/NOTIFY on a dedicated connection of the pg driver;
// - redis: pub/sub through ioredis.
// The bus only wakes: every hub reads new events from TaskEvent in id order,
// so a lost notification costs latency, never an event. While the bus is
// down the instance polls the table about once a second; when it is back it
// catches up once, from the hub's cursor, before relying on it again.
import { getEnv } from "../../config/env";
import { onEventsCommitted, signalEventsArrived } from "../../events/event-signal";
import { postgresBus } from "./postgres-bus";
import { SENDER, type BusHooks } from "./bus-transport";
import { redisBus } from "./redis-bus";

export type BusKind = "memory" | "postgres" | "redis";

const POLL_MS = 1_000;

type Bus = { kind: BusKind; up: boolean; since: Date; stop?: () => Promise<void> };
const holder = globalThis as typeof globalThis & { __conduitBus?: Bus };

function busKind(): BusKind {
  const env = getEnv();
  return env.EVENT_BUS ?? (env.REDIS_URL ? "redis" : process.env.DATABASE_URL ? "postgres" : "memory");
}

/** Starts this process's bus once (at server start); later calls return it. */
export function startEventBus(): Bus {
  if (holder.__conduitBus) return holder.__conduitBus;
  const kind = busKind();
  const bus: Bus = { kind, up: kind === "memory", since: new Date() };
  holder.__conduitBus = bus;
  if (kind === "memory") return bus;

  let poller: NodeJS.Timeout | undefined;
  const hooks: BusHooks = {
    // PostgreSQL and Redis hand a publisher its own notifications back; this
    // instance woke its hub when it committed, so those would only read the table again.
    arrived: (sender) => sender !== SENDER && signalEventsArrived(),
    connected: (up) => {
      if (up === bus.up) return;
      bus.up = up;
      bus.since = new Date();
      clearInterval(poller);
      poller = undefined;
      if (up) signalEventsArrived(); // catch up on what was written while we could not hear
      else (poller = setInterval(signalEventsArrived, POLL_MS)).unref();
    },
  };
  (poller = setInterval(signalEventsArrived, POLL_MS)).unref(); // poll until the first connection is listening
  const env = getEnv();
  const transport = kind === "postgres" ? postgresBus(process.env.DATABASE_URL!, hooks) : redisBus(env.REDIS_URL!, hooks);
  const unpublish = transport.publish ? onEventsCommitted(transport.publish) : () => undefined;
  bus.stop = async () => {
    clearInterval(poller);
    unpublish();
    bus.up = false; // whatever it reports from now on
    hooks.connected = () => undefined;
    await transport.close();
  };
  return bus;
}

/** Shutdown: a last notification for what this process committed, then the bus closes. */
export async function stopEventBus(): Promise<void> {
  await holder.__conduitBus?.stop?.();
}

/** For /api/health: which bus, and whether it is listening (else the instance polls). */
export function eventBusStatus(): { kind: BusKind; up: boolean; since: string } | null {
  const bus = holder.__conduitBus;
  return bus ? { kind: bus.kind, up: bus.up, since: bus.since.toISOString() } : null;
}
