// In-process signals about new TaskEvents. They carry no data: readers take
// the events from the table, which stays the source of truth.
// - "committed": this process wrote events (writers raise it after their
//   transaction); the event bus passes it on to other instances.
// - "arrived": another instance wrote events (the bus, or its polling
//   fallback, raises it).
// The hub wakes on both.
import { EventEmitter } from "node:events";

const holder = globalThis as typeof globalThis & { __conduitEventSignal?: EventEmitter };
const emitter = (holder.__conduitEventSignal ??= new EventEmitter().setMaxListeners(0));

export function signalEventsCommitted(): void {
  emitter.emit("committed");
}

export function signalEventsArrived(): void {
  emitter.emit("arrived");
}

export function onEventsCommitted(listener: () => void): () => void {
  emitter.on("committed", listener);
  return () => emitter.off("committed", listener);
}

/** New events from anywhere: written here or announced by the bus. */
export function onNewEvents(listener: () => void): () => void {
  emitter.on("committed", listener);
  emitter.on("arrived", listener);
  return () => {
    emitter.off("committed", listener);
    emitter.off("arrived", listener);
  };
}
