"use client";
// The stream for the whole app, mounted once in the root layout so it lives
// across client-side navigations. It starts from the event id the layout was
// rendered at, so nothing between the server render and the live updates is
// missed, and it is shared by the browser's tabs (lib/client/shared-stream.ts).
import { useCallback, useEffect, useMemo, useState } from "react";
import { SWRConfig, useSWRConfig } from "swr";
import { fetcher } from "@/lib/client/fetcher";
import { LiveCache } from "@/lib/client/live-cache";
import { LiveContext, type Live } from "@/lib/client/live-context";
import { SharedStream } from "@/lib/client/shared-stream";
import type { ConnectionStatus } from "@/lib/client/stream-client";

type Props = { lastEventId: string; viewerId: string | null; children: React.ReactNode };

export function LiveProvider(props: Props) {
  return (
    <SWRConfig value={{ fetcher, revalidateOnFocus: false, revalidateIfStale: false, refreshInterval: 0 }}>
      <LiveStream {...props} />
    </SWRConfig>
  );
}

function LiveStream({ lastEventId, viewerId, children }: Props) {
  const swr = useSWRConfig();
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [online, setOnline] = useState(true);
  // Created once; they touch the browser only in start(), which runs in an effect.
  const [cache] = useState(() => new LiveCache(swr, viewerId, lastEventId));
  const [stream] = useState(
    () =>
      new SharedStream(lastEventId, {
        onMessage: (name, data, id) => cache.receive(name, data, id),
        onStatus: setStatus,
        onFollow: () => void cache.refreshAll(),
      }),
  );

  useEffect(() => {
    stream.start();
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      stream.stop();
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, [stream]);

  // Stable, so views do not leave and rejoin their topics when the status changes.
  const subscribe = useCallback((topic: string) => stream.subscribe(topic), [stream]);
  const seed = useCallback((key: string, data: unknown, at: string) => cache.seed(key, data, at), [cache]);
  const listen = useCallback<Live["listen"]>((listener) => cache.listen(listener), [cache]);
  const live = useMemo<Live>(() => ({ status, online, subscribe, seed, listen }), [status, online, subscribe, seed, listen]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
