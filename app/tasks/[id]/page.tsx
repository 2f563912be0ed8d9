import { notFound } from "next/navigation";
import { ConnectionStatus } from "@/components/live/connection-status";
import { LiveProvider } from "@/components/live/live-provider";
import { TaskView } from "@/components/task/task-view";
import { currentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/shared/api-error";
import { getTaskWithEvents } from "@/lib/tasks/get-task";

export const dynamic = "force-dynamic";

// GET /tasks/:id – one task, live from the event id it was rendered at.
export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const task = await getTaskWithEvents(id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const viewer = await currentUser(new Request("http://local/"));
  return (
    <LiveProvider lastEventId={task.lastEventId} viewerId={viewer.id}>
      <div className="mb-4 flex justify-end">
        <ConnectionStatus />
      </div>
      <TaskView serverData={task} />
    </LiveProvider>
  );
}
