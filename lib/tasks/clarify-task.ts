import type { Viewer } from "../auth/permissions";
import { AppError } from "../shared/api-error";
import type { ClarifyTaskInput } from "../shared/task-schemas";
import { changeTask } from "./change-task";

/**
 * Stores the creator's answers and sends the task back to analysis. There is
 * one round only: a task that was clarified once is dispatched as it stands.
 */
export function clarifyTask(taskId: string, { answers }: ClarifyTaskInput, by: Viewer) {
  return changeTask(taskId, {
    by,
    to: "analyzing",
    check: (task) => {
      if (task.status !== "needs_clarification") {
        throw new AppError("conflict", `Only a task in needs_clarification takes answers; this one is ${task.status}`, {
          status: task.status,
        });
      }
      if (task.isClarified) {
        throw new AppError("conflict", "This task was clarified once already; there is only one round of questions");
      }
      const expected = task.clarificationQuestions.length;
      if (answers.length !== expected) {
        throw new AppError("validation_failed", `Give one answer per question: ${expected} expected, ${answers.length} given`, [
          { path: "answers", message: `Expected ${expected} answers` },
        ]);
      }
    },
    fields: { clarificationAnswers: answers, isClarified: true },
    event: { type: "clarification_received", payload: { answers } },
  });
}
