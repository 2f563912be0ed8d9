import { STATUS_STYLE } from "@/lib/shared/status-style";
import type { TaskStatus } from "@/lib/shared/task-status";

export function StatusBadge({ status }: { status: TaskStatus }) {
  const { label, className } = STATUS_STYLE[status];
  return <span className={`inline-flex w-fit shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${className}`}>{label}</span>;
}
