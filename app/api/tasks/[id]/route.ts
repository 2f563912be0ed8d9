import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { updateTaskSchema } from "@/lib/shared/task-schemas";
import { cancelTask } from "@/lib/tasks/cancel-task";
import { getTaskWithEvents } from "@/lib/tasks/get-task";
import { updateTask } from "@/lib/tasks/update-task";

// GET /api/tasks/:id – the task with its timeline and the event id it is current to.
export const GET = route<{ id: string }>(async (_request, { id }, viewer) => Response.json(await getTaskWithEvents(id, viewer)));

// DELETE /api/tasks/:id – cancel a task that has not been dispatched yet.
export const DELETE = route<{ id: string }>(async (_request, { id }, actor) => {
  const { task } = await cancelTask(id, actor);
  return Response.json(task);
});

// PATCH /api/tasks/:id – choose the agent (null: the recommended one) before dispatch; make the task private or public; both at once.
export const PATCH = route<{ id: string }>(async (request, { id }, actor) =>
  Response.json(await updateTask(id, await readJson(request, updateTaskSchema), actor)),
);
