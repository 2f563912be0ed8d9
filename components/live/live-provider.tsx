"use client";
// Owns this tab's stream: starts it from the event id the page was rendered
// at, so nothing between the server render and the live updates is missed,
// and patches SWR caches with every message.
import { useCallback, useEffect, useMemo, useState } from "react";
import { SWRConfig, useSWRConfig } from "swr";
import { applyStreamMessage } from "@/lib/client/apply-stream-message";
import { fetcher } from "@/lib/client/fetcher";
import { LiveContext, type Live } from "@/lib/client/live-context";
import { StreamClient, type ConnectionStatus } from "@/lib/client/stream-client";

type Props = { lastEventId: string; viewerId: string | null; children: React.ReactNode };

export function LiveProvider(props: Props) {
  return (
    <SWRConfig value={{ fetcher, revalidateOnFocus: false, revalidateIfStale: false, refreshInterval: 0 }}>
      <LiveStream {...props} />
    </SWRConfig>
  );
}

function LiveStream({ lastEventId, viewerId, children }: Props) {
  const { mutate, cache } = useSWRConfig();
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [online, setOnline] = useState(true);
  // Created once; it touches the browser only in start(), which runs in an effect.
  const [client] = useState(
    () =>
      new StreamClient(
        lastEventId,
        (name, data) => applyStreamMessage(name, data, { mutate, keys: () => cache.keys(), viewerId }),
        setStatus,
      ),
  );

  useEffect(() => {
    client.start();
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      client.stop();
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, [client]);

  // Stable, so views do not leave and rejoin their topics when the status changes.
  const subscribe = useCallback((topic: string) => client.subscribe(topic), [client]);
  const live = useMemo<Live>(() => ({ status, online, subscribe }), [status, online, subscribe]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
