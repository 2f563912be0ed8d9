import { ConnectionStatus } from "@/components/live/connection-status";
import { LiveProvider } from "@/components/live/live-provider";
import { TaskListLive } from "@/components/dashboard/task-list-live";
import { currentUser } from "@/lib/auth/current-user";
import { listTasksQuerySchema } from "@/lib/shared/task-schemas";
import { listTasks } from "@/lib/tasks/list-tasks";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET / – the dashboard: rendered on the server, then kept live by the stream
// from the event id it was rendered at.
export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const parsed = listTasksQuerySchema.safeParse({ ...raw, status: raw.status === undefined ? undefined : [raw.status].flat() });
  const query = parsed.success ? parsed.data : {};
  const viewer = await currentUser(new Request("http://local/"));
  const list = await listTasks(query, viewer.id);
  return (
    <LiveProvider lastEventId={list.lastEventId} viewerId={viewer.id}>
      <div className="mb-4 flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">Tasks</h1>
        <ConnectionStatus />
      </div>
      <TaskListLive query={query} serverData={list} />
    </LiveProvider>
  );
}
