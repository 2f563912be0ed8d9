import Link from "next/link";
import type { TaskListItem } from "@/lib/shared/task-dto";
import { RelativeTime } from "./relative-time";
import { StatusBadge } from "./status-badge";

export function TaskTable({ tasks }: { tasks: TaskListItem[] }) {
  if (tasks.length === 0) return <p className="text-slate-500">No tasks yet.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {tasks.map((task) => (
        <li key={task.id} data-task-id={task.id} data-status={task.status} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
          <StatusBadge status={task.status} />
          <Link href={`/tasks/${task.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">
            {task.title}
          </Link>
          <span className="text-sm text-slate-500">{task.repo}</span>
          <span className="text-sm text-slate-500">{task.creator.name ?? task.creator.login}</span>
          <span className="text-sm text-slate-400">
            <RelativeTime iso={task.updatedAt} />
          </span>
        </li>
      ))}
    </ul>
  );
}
