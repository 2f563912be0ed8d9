"use client";
import { useLive } from "@/lib/client/live-context";

const LOOK = {
  connected: { label: "Connected", dot: "bg-green-500 animate-pulse" },
  connecting: { label: "Connecting", dot: "bg-yellow-400 animate-pulse" },
  reconnecting: { label: "Reconnecting", dot: "bg-yellow-400 animate-pulse" },
  disconnected: { label: "Disconnected", dot: "bg-red-500" },
} as const;

export function ConnectionStatus() {
  const { status, online } = useLive();
  const { label, dot } = LOOK[status];
  return (
    <>
      {!online && (
        <div role="alert" data-testid="offline-banner" className="fixed inset-x-0 top-0 z-50 bg-red-600 px-4 py-2 text-center text-sm text-white">
          You are offline. Updates resume when the connection is back.
        </div>
      )}
      <span role="status" aria-live="polite" className="inline-flex items-center gap-2 text-sm text-slate-600" data-connection={status}>
        <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${dot}`} />
        {label}
      </span>
    </>
  );
}
