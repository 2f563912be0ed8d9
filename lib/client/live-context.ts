"use client";
import { createContext, useContext, useEffect } from "react";
import type { ConnectionStatus } from "./stream-client";

export type Live = {
  status: ConnectionStatus;
  online: boolean;
  subscribe: (topic: string) => () => void;
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
