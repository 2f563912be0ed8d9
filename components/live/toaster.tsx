"use client";
// Toasts for the moments people wait for: a pull request ready for review, and
// merged. Fed by the stream messages this tab applies; a task page and the
// dashboard both hear of the same event, so toasts are keyed by task version.
import Link from "next/link";
import { useEffect, useState } from "react";
import { useSWRConfig } from "swr";
import type { Received } from "@/lib/client/live-cache";
import { useLive } from "@/lib/client/live-context";
import { taskKey } from "@/lib/client/swr-keys";
import type { StreamEventData } from "@/lib/shared/stream-events";
import { noticeOf, type TaskNotice } from "@/lib/shared/task-notices";

type Toast = { key: string; taskId: string; notice: TaskNotice; title: string | null; prNumber: number | null };

const SHOWN_MS = 8_000;
const TEXT: Record<TaskNotice, string> = { pr_ready: "is ready for review", pr_merged: "was merged" };

function toastOf({ name, data }: Received): Omit<Toast, "key" | "title"> & { version: number; title?: string } | null {
  if (name === "dashboard:task_list_updated") {
    const m = data as StreamEventData<"dashboard:task_list_updated">;
    return m.notice ? { taskId: m.taskId, notice: m.notice, version: m.version, title: m.title, prNumber: m.githubPrNumber as number | null } : null;
  }
  if (name === "task:event_added") {
    const m = data as StreamEventData<"task:event_added">;
    const notice = noticeOf(m.event.type, m.event.payload);
    const prNumber = typeof m.event.payload.prNumber === "number" ? m.event.payload.prNumber : null;
    return notice ? { taskId: m.taskId, notice, version: m.version, prNumber } : null;
  }
  return null;
}

export function Toaster() {
  const { listen } = useLive();
  const { cache } = useSWRConfig();
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(
    () =>
      listen((message) => {
        const found = toastOf(message);
        if (!found) return;
        const key = `${found.taskId}:${found.notice}:${found.version}`;
        const title = found.title ?? (cache.get(taskKey(found.taskId))?.data as { title?: string } | undefined)?.title ?? null;
        setToasts((shown) => (shown.some((t) => t.key === key) ? shown : [...shown, { ...found, key, title }]));
        setTimeout(() => setToasts((shown) => shown.filter((t) => t.key !== key)), SHOWN_MS);
      }),
    [listen, cache],
  );

  const dismiss = (key: string) => setToasts((shown) => shown.filter((t) => t.key !== key));
  return (
    <ol aria-live="polite" aria-label="Notifications" className="fixed right-4 bottom-4 z-40 flex w-[calc(100%-2rem)] max-w-sm flex-col gap-2">
      {toasts.map((toast) => (
        <li key={toast.key} role="status" data-toast={toast.notice} className="animate-toast-in rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg">
          <div className="flex items-start justify-between gap-3">
            <p>
              <span className="font-medium">{toast.prNumber ? `PR #${toast.prNumber}` : "The pull request"}</span> {TEXT[toast.notice]}
              {toast.title && <span className="block truncate text-slate-600">{toast.title}</span>}
            </p>
            <button type="button" onClick={() => dismiss(toast.key)} aria-label="Dismiss" className="text-slate-400 hover:text-slate-700">
              ×
            </button>
          </div>
          <Link href={`/tasks/${toast.taskId}`} className="text-blue-700 underline">
            Open task
          </Link>
        </li>
      ))}
    </ol>
  );
}
