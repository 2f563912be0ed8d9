import { currentUser } from "@/lib/auth/current-user";
import { readJson } from "@/lib/http/read-json";
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";
import { createTaskSchema, listTasksQuerySchema } from "@/lib/shared/task-schemas";
import { createTask } from "@/lib/tasks/create-task";
import { enqueueTask } from "@/lib/pipeline/pipeline-worker";
import { listTasks } from "@/lib/tasks/list-tasks";

// GET /api/tasks – one page of tasks, newest first, with filters and headline counts.
export const GET = route(async (request) => {
  const query = readQuery(request, listTasksQuerySchema, ["status"]);
  const viewer = await currentUser(request);
  return Response.json(await listTasks(query, viewer.id));
});

// POST /api/tasks – submit a task; it starts in `received`.
export const POST = route(async (request) => {
  const input = await readJson(request, createTaskSchema);
  const creator = await currentUser(request);
  const task = await createTask(input, creator.id);
  enqueueTask(task.id); // analysis continues after the response
  return Response.json(task, { status: 201, headers: { Location: `/api/tasks/${task.id}` } });
});
