import type { Viewer } from "../auth/permissions";
import { AppError } from "../shared/api-error";
import type { Agent } from "../shared/task-status";
import type { TaskChange } from "./change-task";
import { canChooseAgent } from "./state-machine";
import { agentToDb } from "./task-dto";

/** Overrides the analysis's recommended agent, or (null) goes back to it. Only before dispatch. */
export function agentChoice(agent: Agent | null, by: Viewer): TaskChange {
  return {
    by,
    check: (current) => {
      if (!canChooseAgent(current)) {
        throw new AppError("conflict", `The agent can no longer be chosen: the task is ${current.status} and its issue exists or is being created`, {
          status: current.status,
        });
      }
    },
    unchangedIf: (current) => current.agentOverride === (agent && agentToDb(agent)),
    fields: { agentOverride: agent && agentToDb(agent) },
    event: { type: "agent_chosen", payload: { agent } },
  };
}
