"use client";
import Link from "next/link";
import { useState } from "react";
import type { TaskListItem } from "@/lib/shared/task-dto";
import { Avatar } from "../avatar";
import { RelativeTime } from "../relative-time";
import { StatusBadge } from "../status-badge";

const external = { target: "_blank", rel: "noopener noreferrer", className: "text-blue-700 hover:underline" } as const;

/**
 * The dashboard's rows. Mount it with a key per list, so that rows arriving
 * after the first render are the new ones and get highlighted.
 */
export function TaskTable({ tasks, emptyText }: { tasks: TaskListItem[]; emptyText: string }) {
  const [shownFirst] = useState(() => new Set(tasks.map((t) => t.id)));
  if (tasks.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500">{emptyText}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {tasks.map((task) => (
        <TaskRow key={task.id} task={task} isNew={!shownFirst.has(task.id)} />
      ))}
    </ul>
  );
}

function TaskRow({ task, isNew }: { task: TaskListItem; isNew: boolean }) {
  const [firstStatus] = useState(task.status);
  const changed = task.status !== firstStatus;
  return (
    <li
      data-task-id={task.id}
      data-status={task.status}
      data-new={isNew || undefined}
      className={`grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1 px-4 py-3 sm:grid-cols-[8.5rem_1fr_auto] ${isNew ? "animate-row-new" : ""}`}
    >
      {/* Keyed by status: each change mounts the badge again, which replays the animation. */}
      <span key={task.status} className={`w-fit rounded-full ${changed ? "animate-status-change" : ""}`}>
        <StatusBadge status={task.status} />
      </span>
      <Link href={`/tasks/${task.id}`} className="min-w-0 truncate font-medium hover:underline">
        {task.isPrivate && <span className="mr-1 text-xs text-slate-500" title="Private">🔒</span>}
        {task.title}
      </Link>
      <div className="col-span-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500 sm:col-span-1 sm:justify-end">
        <span>{task.repo}</span>
        <span className="inline-flex items-center gap-1.5">
          <Avatar user={task.creator} />
          {task.creator.name ?? task.creator.login}
        </span>
        {task.githubIssueUrl && (
          <a href={task.githubIssueUrl} aria-label={`Issue #${task.githubIssueNumber} on GitHub (new tab)`} {...external}>
            #{task.githubIssueNumber}
          </a>
        )}
        {task.githubPrUrl && (
          <a href={task.githubPrUrl} aria-label={`Pull request #${task.githubPrNumber} on GitHub (new tab)`} {...external}>
            PR #{task.githubPrNumber}
          </a>
        )}
        <span className="text-slate-400"><RelativeTime iso={task.updatedAt} /></span>
      </div>
    </li>
  );
}
