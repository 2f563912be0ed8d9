import { readJson } from "@/lib/http/read-json";
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";
import { consume } from "@/lib/limits/rate-limits";
import { createTaskSchema, listTasksQuerySchema } from "@/lib/shared/task-schemas";
import { createTask } from "@/lib/tasks/create-task";
import { enqueueTask } from "@/lib/pipeline/pipeline-worker";
import { listTasks } from "@/lib/tasks/list-tasks";

// GET /api/tasks – one page of tasks, newest first, with filters and headline counts.
export const GET = route(async (request, _params, viewer) => {
  const query = readQuery(request, listTasksQuerySchema, ["status"]);
  return Response.json(await listTasks(query, viewer));
});

// POST /api/tasks – submit a task; it starts in `received`.
export const POST = route(async (request, _params, creator) => {
  const input = await readJson(request, createTaskSchema);
  await consume("createTask", creator.id); // after validation: a typo does not use up the minute
  const task = await createTask(input, creator.id);
  enqueueTask(task.id); // analysis continues after the response
  return Response.json(task, { status: 201, headers: { Location: `/api/tasks/${task.id}` } });
});
