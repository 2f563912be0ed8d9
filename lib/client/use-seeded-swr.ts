"use client";
import { useEffect } from "react";
import useSWR from "swr";
import { useLive } from "./live-context";

/**
 * useSWR with server-rendered data written into the cache (not just shown as
 * fallback), so stream patches that arrive before any fetch have data to patch.
 * Child effects run before the provider's, so on a page load the cache is
 * seeded before the stream starts.
 */
export function useSeededSWR<T extends { lastEventId: string }>(key: string, serverData: T) {
  const { seed } = useLive();
  useEffect(() => void seed(key, serverData, serverData.lastEventId), [seed, key, serverData]);
  return useSWR<T>(key, { fallbackData: serverData });
}
