import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { clarifyTaskSchema } from "@/lib/shared/task-schemas";
import { enqueueTask } from "@/lib/pipeline/pipeline-worker";
import { clarifyTask } from "@/lib/tasks/clarify-task";

// POST /api/tasks/:id/clarify – answer the clarification questions (one round).
export const POST = route<{ id: string }>(async (request, { id }, actor) => {
  const input = await readJson(request, clarifyTaskSchema);
  const { task } = await clarifyTask(id, input, actor);
  enqueueTask(id); // re-analysis, then dispatch
  return Response.json(task);
});
