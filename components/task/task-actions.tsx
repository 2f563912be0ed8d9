"use client";
import { useState } from "react";
import { ApiRequestError, apiRequest } from "@/lib/client/fetcher";
import type { TaskStatus } from "@/lib/shared/task-status";
import { canTransition } from "@/lib/tasks/state-machine";

/** Retry (failed tasks) and cancel (before dispatch); the stream shows the result. */
export function TaskActions({ taskId, status }: { taskId: string; status: TaskStatus }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (method: "POST" | "DELETE", url: string) => {
    setBusy(true);
    setError(null);
    try {
      await apiRequest(method, url);
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : "The request failed");
    } finally {
      setBusy(false);
    }
  };
  const cancellable = canTransition(status, "cancelled");
  if (status !== "failed" && !cancellable) return null;
  return (
    <div className="flex items-center gap-3">
      {status === "failed" && (
        <button type="button" disabled={busy} onClick={() => act("POST", `/api/tasks/${taskId}/retry`)} className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50">
          Retry
        </button>
      )}
      {cancellable && (
        <button type="button" disabled={busy} onClick={() => act("DELETE", `/api/tasks/${taskId}`)} className="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50">
          Cancel task
        </button>
      )}
      {error && <span className="text-sm text-red-700">{error}</span>}
    </div>
  );
}
