import type { Viewer } from "../auth/permissions";
import type { UpdateTaskInput } from "../shared/task-schemas";
import { agentChoice } from "./agent-choice";
import { changeTaskInSteps } from "./change-task";
import { privacyChoice } from "./privacy-choice";

/**
 * PATCH /api/tasks/:id: the agent, then the privacy, as asked. One transaction,
 * so a request that gives both changes both or neither (an agent refused after
 * dispatch leaves the privacy as it was too).
 */
export async function updateTask(taskId: string, update: UpdateTaskInput, by: Viewer) {
  const steps = [];
  if (update.agent !== undefined) steps.push(agentChoice(update.agent, by));
  if (update.isPrivate !== undefined) steps.push(privacyChoice(update.isPrivate, by));
  return (await changeTaskInSteps(taskId, steps)).task;
}
