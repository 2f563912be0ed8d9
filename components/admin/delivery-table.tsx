"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, ApiRequestError } from "@/lib/client/fetcher";
import type { DeliverySummary } from "@/lib/github/delivery-admin";
import { RelativeTime } from "../relative-time";

const OUTCOME_STYLE: Record<DeliverySummary["outcome"], string> = {
  processed: "bg-emerald-100 text-emerald-800",
  ignored: "bg-slate-100 text-slate-700",
  failed: "bg-red-100 text-red-800",
  pending: "bg-amber-100 text-amber-800",
};

/** The deliveries as the page rendered them; a reprocessed row shows its new outcome at once. */
export function DeliveryTable({ initial }: { initial: DeliverySummary[] }) {
  const router = useRouter();
  const [rows, setRows] = useState(initial);
  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500">No deliveries yet.</p>;
  return (
    <div className="space-y-2">
      <button type="button" className="text-sm text-blue-700 hover:underline" onClick={() => router.refresh()}>
        Refresh
      </button>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {rows.map((row) => (
          <DeliveryRow key={row.id} row={row} onChange={(next) => setRows((all) => all.map((r) => (r.id === next.id ? next : r)))} />
        ))}
      </ul>
    </div>
  );
}

function DeliveryRow({ row, onChange }: { row: DeliverySummary; onChange: (row: DeliverySummary) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reprocess = async () => {
    setBusy(true);
    setError(null);
    try {
      onChange(await apiRequest<DeliverySummary>("POST", `/api/admin/deliveries/${row.id}/reprocess`));
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : "Could not reprocess the delivery");
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-delivery-id={row.id} data-outcome={row.outcome} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[6rem_1fr_auto] sm:items-center sm:gap-3">
      <span className={`w-fit rounded-full px-2 py-0.5 text-xs font-medium ${OUTCOME_STYLE[row.outcome]}`}>{row.outcome}</span>
      <div className="min-w-0">
        <p className="font-medium">
          {row.event}
          {row.action && `.${row.action}`}
          <span className="ml-2 font-normal text-slate-500">{row.repository ?? "no repository"}</span>
        </p>
        <p className="truncate text-slate-500" title={row.error ?? row.reason ?? undefined}>
          {row.error ?? row.reason ?? (row.taskId ? "applied" : "")}
          {row.taskId && (
            <Link href={`/tasks/${row.taskId}`} className="ml-2 text-blue-700 hover:underline">
              task
            </Link>
          )}
        </p>
        <p className="text-xs text-slate-400">
          <RelativeTime iso={row.receivedAt} /> · {row.attempts} {row.attempts === 1 ? "attempt" : "attempts"} · {row.id}
        </p>
        {error && (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        )}
      </div>
      <button
        type="button"
        disabled={busy}
        onClick={reprocess}
        className="w-fit rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-50"
      >
        {busy ? "Reprocessing…" : "Reprocess"}
      </button>
    </li>
  );
}
