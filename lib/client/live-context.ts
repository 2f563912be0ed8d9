"use client";
import { createContext, useContext, useEffect } from "react";
import type { MessageListener } from "./live-cache";
import type { ConnectionStatus } from "./stream-client";

export type Live = {
  status: ConnectionStatus;
  online: boolean;
  subscribe: (topic: string) => () => void;
  /** Writes server-rendered data for `key` into the cache (see LiveCache.seed). */
  seed: (key: string, data: unknown, renderedAt: string) => Promise<void>;
  /** Every message this tab applies, after it is applied. */
  listen: (listener: MessageListener) => () => void;
};

export const LiveContext = createContext<Live | null>(null);

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error("useLive() needs a <LiveProvider> above it");
  return live;
}

/** Keeps `topic` joined on the stream while the calling component is mounted. */
export function useTopic(topic: string): void {
  const { subscribe } = useLive();
  useEffect(() => subscribe(topic), [subscribe, topic]);
}
