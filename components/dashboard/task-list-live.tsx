"use client";
import { useTopic } from "@/lib/client/live-context";
import { taskListKey } from "@/lib/client/swr-keys";
import { useSeededSWR } from "@/lib/client/use-seeded-swr";
import type { TaskListResponse } from "@/lib/shared/task-dto";
import type { ListTasksQuery } from "@/lib/shared/task-schemas";
import { TaskTable } from "../task-table";

export function TaskListLive({ query, serverData }: { query: ListTasksQuery; serverData: TaskListResponse }) {
  useTopic("dashboard");
  const { data = serverData } = useSeededSWR<TaskListResponse>(taskListKey(query), serverData);
  const { counts, total } = data;
  return (
    <section className="space-y-4" aria-label="Tasks">
      <p className="text-sm text-slate-600" data-testid="counts">
        <span data-count="active">{counts.active}</span> active · <span data-count="completed">{counts.completed}</span> completed ·{" "}
        <span data-count="failed">{counts.failed}</span> failed · {total} shown by these filters
      </p>
      <TaskTable tasks={data.tasks} />
    </section>
  );
}
