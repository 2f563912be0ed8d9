import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { updateTaskSchema } from "@/lib/shared/task-schemas";
import { cancelTask } from "@/lib/tasks/cancel-task";
import { chooseAgent } from "@/lib/tasks/choose-agent";
import { getTaskWithEvents } from "@/lib/tasks/get-task";

// GET /api/tasks/:id – the task with its timeline and the event id it is current to.
export const GET = route<{ id: string }>(async (_request, { id }) => Response.json(await getTaskWithEvents(id)));

// DELETE /api/tasks/:id – cancel a task that has not been dispatched yet.
export const DELETE = route<{ id: string }>(async (_request, { id }) => {
  const { task } = await cancelTask(id);
  return Response.json(task);
});

// PATCH /api/tasks/:id – choose the agent (or null: the recommended one) before dispatch.
export const PATCH = route<{ id: string }>(async (request, { id }) => {
  const { agent } = await readJson(request, updateTaskSchema);
  const { task } = await chooseAgent(id, agent);
  return Response.json(task);
});
