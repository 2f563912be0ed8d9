// One pass of the pipeline over one task (spec sections 5–7): analyse, ask
// (one round) or dispatch. Every step is a state-machine change with its
// event, so the stream shows it live. A lease keeps the task to one worker.
import { AppError } from "../shared/api-error";
import type { Agent } from "../shared/task-status";
import { changeTask } from "../tasks/change-task";
import { findTaskForPipeline } from "../tasks/find-task";
import { agentToDb, taskTypeToDb } from "../tasks/task-dto";
import type { Analysis, Analyzer } from "./analysis";
import type { Dispatcher } from "./dispatcher";
import { issueDraft } from "./issue-body";
import { claimTask, newClaimOwner, releaseTask } from "./task-claims";

export type PipelineDeps = { analyzer: Analyzer; dispatcher: Dispatcher };
type Task = NonNullable<Awaited<ReturnType<typeof findTaskForPipeline>>>;

/** The agent when neither a person nor the analysis chose one. */
const DEFAULT_AGENT: Agent = "claude-code";

export async function runTask(taskId: string, deps: PipelineDeps): Promise<void> {
  const owner = newClaimOwner();
  if (!(await claimTask(taskId, owner))) return; // another worker has it
  try {
    await advance(taskId, deps);
  } catch (error) {
    // The task moved on meanwhile (say, cancelled): nothing left to do.
    if (!(error instanceof AppError && (error.code === "conflict" || error.code === "not_found"))) throw error;
  } finally {
    await releaseTask(taskId, owner);
  }
}

async function advance(taskId: string, { analyzer, dispatcher }: PipelineDeps): Promise<void> {
  let task = await findTaskForPipeline(taskId);
  if (!task || (task.status !== "received" && task.status !== "analyzing")) return;
  if (task.status === "received") {
    await changeTask(taskId, { to: "analyzing", event: { type: "analyzing", payload: { analyzer: analyzer.name } } });
  }

  // A retried dispatch keeps the analysis it already has.
  if (!(task.failedStep === "dispatch" && task.llmSummary)) {
    let analysis: Analysis;
    try {
      analysis = await analyzer.analyze({
        description: task.description,
        repo: task.repo,
        taskTypeHint: task.taskTypeHint,
        filesHint: task.filesHint,
        acceptanceCriteria: task.acceptanceCriteria,
        questions: task.clarificationQuestions,
        answers: task.clarificationAnswers,
      });
    } catch (error) {
      return fail(taskId, "analysis", `Analysis failed: ${message(error)}`);
    }
    await recordAnalysis(taskId, analysis, analyzer.name);
    if (!analysis.clear_enough && analysis.questions.length > 0 && !task.isClarified) {
      await changeTask(taskId, {
        to: "needs_clarification",
        fields: { clarificationQuestions: analysis.questions },
        event: { type: "clarification_sent", payload: { questions: analysis.questions } },
      });
      return;
    }
  }
  task = await findTaskForPipeline(taskId);
  if (task) await dispatch(task, dispatcher);
}

async function recordAnalysis(taskId: string, analysis: Analysis, analyzer: string) {
  await changeTask(taskId, {
    fields: {
      llmAnalysis: analysis,
      llmSummary: analysis.summary,
      taskType: taskTypeToDb(analysis.task_type),
      recommendedAgent: agentToDb(analysis.recommended_agent),
      likelyFiles: analysis.likely_files,
      suggestedCriteria: analysis.suggested_acceptance_criteria,
    },
    event: {
      type: "llm_response",
      payload: { analyzer, clearEnough: analysis.clear_enough, taskType: analysis.task_type, recommendedAgent: analysis.recommended_agent, summary: analysis.summary },
    },
  });
}

async function dispatch(task: Task, dispatcher: Dispatcher): Promise<void> {
  const agent = task.agentOverride ?? task.recommendedAgent ?? DEFAULT_AGENT;
  const draft = issueDraft({
    taskId: task.id,
    source: task.source,
    summary: task.llmSummary ?? task.title,
    description: task.description,
    taskType: task.taskType ?? task.taskTypeHint ?? "feature",
    agent,
    criteria: task.suggestedCriteria,
    likelyFiles: task.likelyFiles,
    questions: task.clarificationQuestions,
    answers: task.clarificationAnswers,
    // Answered once and still unclear: dispatched anyway, and the issue says so.
    stillUnclear: task.isClarified && !task.analysisClear,
  });
  let result;
  try {
    // Never a second issue: a task that has one (say, retried after its PR closed) keeps it.
    result = task.githubIssueNumber
      ? { issueNumber: task.githubIssueNumber, issueUrl: task.githubIssueUrl, draft: null }
      : await dispatcher.dispatch({ id: task.id, repo: task.repo, createdAt: task.createdAt }, draft);
  } catch (error) {
    return fail(task.id, "dispatch", message(error));
  }
  await changeTask(task.id, {
    to: "dispatched",
    fields: (current) => ({
      // Someone chose another agent while the issue was being created: the issue's label is what counts.
      ...((current.agentOverride ?? current.recommendedAgent ?? agentToDb(DEFAULT_AGENT)) !== agentToDb(agent) && { agentOverride: agentToDb(agent) }),
      githubIssueNumber: result.issueNumber,
      githubIssueUrl: result.issueUrl,
      dispatchDraft: result.draft ?? undefined,
      dispatchedAt: new Date(),
      failedStep: null,
    }),
    event: {
      type: "dispatched",
      payload: { dispatcher: dispatcher.name, issueNumber: result.issueNumber, issueUrl: result.issueUrl, agent, labels: draft.labels },
    },
  });
}

async function fail(taskId: string, step: "analysis" | "dispatch", errorMessage: string): Promise<void> {
  await changeTask(taskId, {
    to: "failed",
    fields: { errorMessage, failedStep: step },
    event: { type: "failed", payload: { step, error: errorMessage } },
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 500);
