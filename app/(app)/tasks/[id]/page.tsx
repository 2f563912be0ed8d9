import { notFound } from "next/navigation";
import { TaskView } from "@/components/task/task-view";
import { requirePageViewer } from "@/lib/auth/page-viewer";
import { canChangeTask } from "@/lib/auth/permissions";
import { AppError } from "@/lib/shared/api-error";
import { getTaskWithEvents } from "@/lib/tasks/get-task";

export const dynamic = "force-dynamic";

// GET /tasks/:id – one task, kept live by the layout's stream.
export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePageViewer();
  const task = await getTaskWithEvents(id, viewer).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <TaskView serverData={task} canChange={canChangeTask(viewer, task)} />;
}
