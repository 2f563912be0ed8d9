import { route } from "@/lib/http/route";
import { enqueueTask } from "@/lib/pipeline/pipeline-worker";
import { retryTask } from "@/lib/tasks/retry-task";

// POST /api/tasks/:id/retry – send a failed task back into the pipeline.
export const POST = route<{ id: string }>(async (_request, { id }, actor) => {
  const { task } = await retryTask(id, actor);
  enqueueTask(id);
  return Response.json(task);
});
