import type { TaskStatus } from "./task-status";

/** Badge label and Tailwind classes per status, and the colour charts use; the UI's one colour table. */
export const STATUS_STYLE: Record<TaskStatus, { label: string; className: string; chart: string }> = {
  received: { label: "Received", className: "bg-yellow-100 text-yellow-800 animate-pulse", chart: "#facc15" },
  analyzing: { label: "Analyzing", className: "bg-yellow-100 text-yellow-800 animate-pulse", chart: "#eab308" },
  needs_clarification: { label: "Needs clarification", className: "bg-orange-100 text-orange-800", chart: "#fb923c" },
  dispatched: { label: "Dispatched", className: "bg-green-100 text-green-800", chart: "#22c55e" },
  coding: { label: "Coding", className: "bg-blue-100 text-blue-800", chart: "#3b82f6" },
  pr_open: { label: "PR open", className: "bg-blue-100 text-blue-800", chart: "#1d4ed8" },
  merged: { label: "Merged", className: "bg-purple-100 text-purple-800", chart: "#9333ea" },
  failed: { label: "Failed", className: "bg-red-100 text-red-800", chart: "#dc2626" },
  cancelled: { label: "Cancelled", className: "bg-slate-200 text-slate-700", chart: "#94a3b8" },
};
