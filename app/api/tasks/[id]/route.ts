import { route } from "@/lib/http/route";
import { cancelTask } from "@/lib/tasks/cancel-task";
import { getTaskWithEvents } from "@/lib/tasks/get-task";

// GET /api/tasks/:id – the task with its timeline and the event id it is current to.
export const GET = route<{ id: string }>(async (_request, { id }) => Response.json(await getTaskWithEvents(id)));

// DELETE /api/tasks/:id – cancel a task that has not been dispatched yet.
export const DELETE = route<{ id: string }>(async (_request, { id }) => {
  const { task } = await cancelTask(id);
  return Response.json(task);
});
