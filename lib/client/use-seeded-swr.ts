"use client";
import { useEffect } from "react";
import useSWR, { useSWRConfig } from "swr";

/**
 * useSWR with server-rendered data written into the cache (not just shown as
 * fallback), so stream patches that arrive before any fetch have data to patch.
 * Child effects run before the provider's, so the cache is seeded before the
 * stream starts.
 */
export function useSeededSWR<T>(key: string, serverData: T) {
  const { cache, mutate } = useSWRConfig();
  useEffect(() => {
    if (cache.get(key)?.data === undefined) void mutate(key, serverData, { revalidate: false });
  }, [cache, mutate, key, serverData]);
  return useSWR<T>(key, { fallbackData: serverData });
}
