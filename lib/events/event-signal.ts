// In-process signals about new TaskEvents.
// - "committed": this process wrote events (writers raise it after their
//   transaction, with the rows their appends returned); the event bus passes
//   it on to other instances (without the rows: they read the table).
// - "arrived": another instance wrote events (the bus, or its polling
//   fallback, raises it).
// The hub wakes on both. The table stays the source of truth: a hub fans out
// committed rows directly only when they continue exactly where it stands
// (hub.ts), and reads the table otherwise.
import { EventEmitter } from "node:events";
import type { StreamEventRow } from "./event-row";

const holder = globalThis as typeof globalThis & { __conduitEventSignal?: EventEmitter };
const emitter = (holder.__conduitEventSignal ??= new EventEmitter().setMaxListeners(0));

export function signalEventsCommitted(events: readonly StreamEventRow[]): void {
  emitter.emit("committed", events);
}

export function signalEventsArrived(): void {
  emitter.emit("arrived");
}

/** This process committed events (the bus: it passes on only that). */
export function onEventsCommitted(listener: () => void): () => void {
  emitter.on("committed", listener);
  return () => emitter.off("committed", listener);
}

/** New events from anywhere: `committed` holds the rows when this process wrote them. */
export function onNewEvents(listener: (committed?: readonly StreamEventRow[]) => void): () => void {
  emitter.on("committed", listener);
  emitter.on("arrived", listener); // raised without rows
  return () => {
    emitter.off("committed", listener);
    emitter.off("arrived", listener);
  };
}
