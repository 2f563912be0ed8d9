import type { TaskStatus } from "./task-status";

/** Badge label and Tailwind classes per status; the UI's one colour table. */
export const STATUS_STYLE: Record<TaskStatus, { label: string; className: string }> = {
  received: { label: "Received", className: "bg-yellow-100 text-yellow-800 animate-pulse" },
  analyzing: { label: "Analyzing", className: "bg-yellow-100 text-yellow-800 animate-pulse" },
  needs_clarification: { label: "Needs clarification", className: "bg-orange-100 text-orange-800" },
  dispatched: { label: "Dispatched", className: "bg-green-100 text-green-800" },
  coding: { label: "Coding", className: "bg-blue-100 text-blue-800" },
  pr_open: { label: "PR open", className: "bg-blue-100 text-blue-800" },
  merged: { label: "Merged", className: "bg-purple-100 text-purple-800" },
  failed: { label: "Failed", className: "bg-red-100 text-red-800" },
  cancelled: { label: "Cancelled", className: "bg-slate-200 text-slate-700" },
};
