import { TaskFilters, type FilterValues } from "@/components/dashboard/task-filters";
import { TaskListLive } from "@/components/dashboard/task-list-live";
import { requirePageViewer } from "@/lib/auth/page-viewer";
import { listTasksQuerySchema } from "@/lib/shared/task-schemas";
import { listFilterOptions } from "@/lib/tasks/filter-options";
import { listTasks } from "@/lib/tasks/list-tasks";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET / – the dashboard: filters from the URL, rendered on the server, then
// kept live by the layout's stream.
export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const first = (name: string) => [raw[name]].flat()[0]?.trim() ?? "";
  const parsed = listTasksQuerySchema.safeParse({ ...raw, status: raw.status === undefined ? undefined : [raw.status].flat() });
  // A hand-edited URL that does not parse shows everything rather than an error page.
  const query = parsed.success ? parsed.data : {};
  const filters: FilterValues = parsed.success
    ? { mine: Boolean(query.mine), status: first("status"), repo: first("repo"), creator: first("creator"), q: first("q") }
    : { mine: false, status: "", repo: "", creator: "", q: "" };
  const viewer = await requirePageViewer();
  const [list, options] = await Promise.all([listTasks(query, viewer), listFilterOptions(viewer)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Tasks</h1>
      <TaskFilters key={JSON.stringify(filters)} values={filters} options={options} />
      <TaskListLive query={query} filters={filters} serverData={list} />
    </div>
  );
}
