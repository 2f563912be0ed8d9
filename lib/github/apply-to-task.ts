// Applies what a delivery means to its task, step by step, race-free: each
// step is decided from the task as it was read, applied only if nobody changed
// the task meanwhile (changeTaskIfUnchanged matches on the version read), and
// decided again if they did. A "merged" delivery for a task still in
// "dispatched" thus first opens the PR, then merges it; a stale delivery
// decides "ignore".
import { AppError } from "../shared/api-error";
import { changeTaskIfUnchanged, type AlongWithChange, type DecidedChange } from "../tasks/change-task";
import { findTaskById, type TaskState } from "../tasks/find-task";

/** `last`: nothing can follow this step, so the task is not read again to decide. */
export type Step = { change: DecidedChange; last?: boolean } | { ignore: string };
/** `settled`: the delivery's outcome was recorded with its last change (`settle` below). */
export type Outcome = { outcome: "processed" | "ignored"; reason?: string; taskId?: string; settled?: true };

const MAX_STEPS = 4;
// Steps plus a few re-decisions after losing a race; always bounded.
const MAX_ROUNDS = MAX_STEPS + 3;

/**
 * `settle` records the delivery as processed in the statement of a `last` step
 * (delivery-store.ts, settleAlongWith): the webhook's usual path then writes
 * one statement fewer. Any other ending is settled by the caller.
 */
export async function applyToTask(task: TaskState, decide: (task: TaskState) => Step, settle: AlongWithChange): Promise<Outcome> {
  let current: TaskState | null = task;
  let applied = 0;
  let reason = "nothing to change";
  for (let round = 0; current && round < MAX_ROUNDS; round++) {
    const step = decide(current);
    if ("ignore" in step) {
      reason = step.ignore;
      break;
    }
    try {
      await changeTaskIfUnchanged(current, step.change, step.last ? settle : undefined);
      if (step.last) return { outcome: "processed", taskId: task.id, settled: true };
      if (++applied >= MAX_STEPS) break;
    } catch (error) {
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
    current = await findTaskById(task.id);
  }
  if (applied) return { outcome: "processed", taskId: task.id };
  return { outcome: "ignored", reason: current ? reason : "the task no longer exists", taskId: task.id };
}
