"use client";
import { useTopic } from "@/lib/client/live-context";
import { taskListKey } from "@/lib/client/swr-keys";
import { useSeededSWR } from "@/lib/client/use-seeded-swr";
import type { TaskListResponse } from "@/lib/shared/task-dto";
import type { ListTasksQuery } from "@/lib/shared/task-schemas";
import { Pagination } from "./pagination";
import { dashboardHref, type FilterValues } from "./task-filters";
import { TaskTable } from "./task-table";

type Props = { query: ListTasksQuery; filters: FilterValues; serverData: TaskListResponse };

export function TaskListLive({ query, filters, serverData }: Props) {
  useTopic("dashboard");
  const key = taskListKey(query);
  const { data = serverData } = useSeededSWR<TaskListResponse>(key, serverData);
  const { counts, total } = data;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <section className="space-y-4" aria-label="Tasks">
      <p className="text-sm text-slate-600" data-testid="counts" aria-live="polite">
        <span data-count="active">{counts.active}</span> active · <span data-count="completed">{counts.completed}</span> completed ·{" "}
        <span data-count="failed">{counts.failed}</span> failed{filtered && ` · ${total} match these filters`}
      </p>
      <TaskTable key={key} tasks={data.tasks} emptyText={filtered ? "No task matches these filters." : "No tasks yet."} />
      <Pagination page={data.page} limit={data.limit} total={total} href={(page) => dashboardHref(filters, page)} />
    </section>
  );
}
