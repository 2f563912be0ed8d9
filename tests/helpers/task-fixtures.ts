// Puts tasks into a given state through the real write path, as the pipeline
// and webhooks will.
import { getPrisma } from "@/lib/db/prisma";
import type { CreateTaskInput } from "@/lib/shared/task-schemas";
import type { TaskStatus } from "@/lib/shared/task-status";
import { changeTask, type TaskChange } from "@/lib/tasks/change-task";
import { createTask } from "@/lib/tasks/create-task";
import { testUser } from "./test-users";

let issueNumber = 100;

const PATHS: Partial<Record<TaskStatus, TaskChange[]>> = {
  received: [],
  analyzing: [{ to: "analyzing", event: { type: "analyzing" } }],
  needs_clarification: [
    { to: "analyzing", event: { type: "analyzing" } },
    {
      to: "needs_clarification",
      fields: { clarificationQuestions: ["Which page?", "Which browsers?"] },
      event: { type: "clarification_sent", payload: { count: 2 } },
    },
  ],
  dispatched: [
    { to: "analyzing", event: { type: "analyzing" } },
    { to: "dispatched", fields: () => ({ githubIssueNumber: ++issueNumber }), event: { type: "dispatched" } },
  ],
  failed: [
    { to: "analyzing", event: { type: "analyzing" } },
    { to: "failed", fields: { errorMessage: "LLM timed out" }, event: { type: "failed" } },
  ],
};

export async function makeTask(
  status: TaskStatus = "received",
  input: Partial<CreateTaskInput> = {},
  creatorId?: string,
) {
  const createdById = creatorId ?? (await testUser()).id;
  const task = await createTask({ description: "Fix the flaky login test on Safari", ...input }, createdById);
  const steps = PATHS[status];
  if (!steps) throw new Error(`no fixture path to ${status}`);
  let current = task;
  for (const step of steps) current = (await changeTask(task.id, step)).task;
  return current;
}

export async function makeUser(login: string) {
  return testUser(login);
}

export const countRows = async () => ({
  tasks: await getPrisma().task.count(),
  events: await getPrisma().taskEvent.count(),
});
