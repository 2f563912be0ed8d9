// Runs the pipeline in this process: tasks are queued when created, clarified
// or retried, and a sweep at start and every 30 s picks up any task left in
// received or analyzing (a restart, a crashed worker, another instance's lease
// that ran out). Leases (task-claims.ts) keep each task to one worker.
import { getEnv } from "../config/env";
import OpenAI from "openai";
import { BuiltinAnalyzer } from "./builtin-analyzer";
import { createGitHubClient } from "../github/octokit";
import { LocalDispatcher } from "./dispatcher";
import { GitHubDispatcher } from "./github-dispatcher";
import { OpenAiAnalyzer } from "./openai-analyzer";
import { SystemPrompts } from "./system-prompt";
import { runTask, type PipelineDeps } from "./run-task";
import { tasksAwaitingWork } from "./task-claims";
import { log } from "../observability/log";
import { isDraining, trackWork } from "../startup/lifecycle";

const CONCURRENCY = 2;
const SWEEP_MS = 30_000;

type Worker = { queue: Set<string>; running: number; deps: PipelineDeps; sweep?: NodeJS.Timeout };
const holder = globalThis as typeof globalThis & { __conduitPipeline?: Worker };

/** The analyzer and dispatcher this deployment uses. */
export function pipelineDeps(): PipelineDeps {
  const { OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, GITHUB_TOKEN, GITHUB_API_URL } = getEnv();
  const github = GITHUB_TOKEN ? createGitHubClient({ token: GITHUB_TOKEN, baseUrl: GITHUB_API_URL }) : null;
  const prompts = new SystemPrompts(github);
  const analyzer = OPENAI_API_KEY
    ? new OpenAiAnalyzer(
        new OpenAI({ apiKey: OPENAI_API_KEY, baseURL: OPENAI_BASE_URL, maxRetries: 1, timeout: 60_000 }),
        OPENAI_MODEL,
        (repo) => prompts.forRepo(repo),
      )
    : new BuiltinAnalyzer();
  const dispatcher = github ? new GitHubDispatcher(github) : new LocalDispatcher();
  return { analyzer, dispatcher };
}

function worker(): Worker {
  return (holder.__conduitPipeline ??= { queue: new Set(), running: 0, deps: pipelineDeps() });
}

/** Queues a task for the pipeline (no-op when PIPELINE_ENABLED=false). */
export function enqueueTask(taskId: string): void {
  if (!getEnv().PIPELINE_ENABLED) return;
  const w = worker();
  w.queue.add(taskId);
  drain(w);
}

// While draining, queued tasks stay where they are in the database; the next
// start (or another instance's sweep) picks them up.
function drain(w: Worker): void {
  while (!isDraining() && w.running < CONCURRENCY && w.queue.size > 0) {
    const taskId = w.queue.values().next().value!;
    w.queue.delete(taskId);
    w.running++;
    trackWork(runTask(taskId, w.deps))
      .catch((error: unknown) => log.error({ err: error, taskId }, "pipeline: a task failed to advance"))
      .finally(() => {
        w.running--;
        drain(w);
      });
  }
}

export async function startPipeline(): Promise<void> {
  if (!getEnv().PIPELINE_ENABLED) return;
  const w = worker();
  const sweep = async () => {
    for (const id of await tasksAwaitingWork()) enqueueTask(id);
  };
  await sweep();
  w.sweep ??= setInterval(() => void sweep().catch((e: unknown) => log.error({ err: e }, "pipeline sweep failed")), SWEEP_MS);
  w.sweep.unref();
}

/** Shutdown: no more sweeps and no new steps; steps under way are tracked work. */
export function stopPipeline(): void {
  clearInterval(holder.__conduitPipeline?.sweep);
}
