// An in-process signal that new TaskEvents have committed. Writers raise it
// after their transaction; the real-time bus (lib/realtime/bus.ts) listens and
// wakes the hub here or on other instances. It carries no data: readers take
// the events from the table, which stays the source of truth.
import { EventEmitter } from "node:events";

const holder = globalThis as typeof globalThis & { __conduitEventSignal?: EventEmitter };
const emitter = (holder.__conduitEventSignal ??= new EventEmitter().setMaxListeners(0));

export function signalEventsCommitted(): void {
  emitter.emit("committed");
}

export function onEventsCommitted(listener: () => void): () => void {
  emitter.on("committed", listener);
  return () => emitter.off("committed", listener);
}
