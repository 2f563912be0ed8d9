import { currentUser } from "@/lib/auth/current-user";
import { listTasks } from "@/lib/tasks/list-tasks";
import { TaskTable } from "@/components/task-table";

export const dynamic = "force-dynamic";

// The dashboard as a server render; the live client version replaces it (issue 6).
export default async function DashboardPage() {
  const viewer = await currentUser(new Request("http://local/"));
  const { tasks, counts, total } = await listTasks({}, viewer.id);
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-1">
        <h1 className="text-2xl font-semibold">Tasks</h1>
        <p className="text-sm text-slate-600">
          {counts.active} active · {counts.completed} completed · {counts.failed} failed · {total} in all
        </p>
      </div>
      <TaskTable tasks={tasks} />
    </section>
  );
}
