import "server-only";
// Redis pub/sub through ioredis: one connection subscribes (a subscribed
// connection can do nothing else), one publishes. ioredis reconnects by
// itself; we subscribe again on every ready, and only then count as listening.
import { Redis } from "ioredis";
import { coalesced, SENDER, type BusHooks, type BusTransport } from "./bus-transport";

const CHANNEL = "conduit:events";

export function redisBus(url: string, hooks: BusHooks): BusTransport {
  const options = { autoResubscribe: false, maxRetriesPerRequest: 1, retryStrategy: (times: number) => Math.min(times * 500, 5_000) };
  const subscriber = new Redis(url, options);
  const publisher = new Redis(url, options);
  for (const connection of [subscriber, publisher]) connection.on("error", () => undefined); // reconnects; health says so
  subscriber.on("message", (_channel: string, sender: string) => hooks.arrived(sender));
  subscriber.on("ready", () => {
    subscriber.subscribe(CHANNEL).then(
      () => hooks.connected(true),
      () => subscriber.disconnect(true), // try again from the top
    );
  });
  subscriber.on("close", () => hooks.connected(false));

  return {
    publish: coalesced(() => publisher.publish(CHANNEL, SENDER)),
    close: async () => {
      await publisher.publish(CHANNEL, SENDER).catch(() => undefined);
      subscriber.disconnect(); // no reconnect after an explicit disconnect
      await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}
