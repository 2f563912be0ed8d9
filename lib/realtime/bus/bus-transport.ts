// What a bus connection offers the bus (event-bus.ts), and what it calls back.
import { randomUUID } from "node:crypto";

/** This instance, sent as every notification's payload and reported back with each one heard (event-bus.ts drops its own). */
export const SENDER = randomUUID();

/** One bus connection: `connected` reports when it is (again) able to hear every notification. */
export type BusTransport = {
  /** Tells the other instances that this one committed events; absent where the commits themselves notify (postgres-bus.ts). */
  publish?: () => void;
  /** Shutdown: close for good (after one last notification, where publish sends them). */
  close: () => Promise<void>;
};
export type BusHooks = { arrived: (sender: string) => void; connected: (up: boolean) => void };

/** Coalesces publishes: at most one in flight, and one more if others were asked for meanwhile. */
export function coalesced(send: () => Promise<unknown>): () => void {
  let inFlight = false;
  let again = false;
  const run = (): void => {
    inFlight = true;
    again = false;
    send()
      .catch(() => undefined) // receivers poll while the bus is down
      .finally(() => {
        inFlight = false;
        if (again) run();
      });
  };
  return () => {
    if (inFlight) again = true;
    else run();
  };
}
