"use client";
import { useTopic } from "@/lib/client/live-context";
import { taskKey } from "@/lib/client/swr-keys";
import { useSeededSWR } from "@/lib/client/use-seeded-swr";
import type { TaskWithEvents } from "@/lib/shared/task-dto";
import { canChooseAgent } from "@/lib/tasks/state-machine";
import { StatusBadge } from "../status-badge";
import { AgentPicker } from "./agent-picker";
import { PrivacyToggle } from "./privacy-toggle";
import { ClarifyForm } from "./clarify-form";
import { TaskActions } from "./task-actions";
import { Timeline } from "./timeline";

const external = { target: "_blank", rel: "noopener noreferrer", className: "text-blue-700 underline" } as const;

/** `canChange`: the viewer is the creator or an admin (lib/auth/permissions.ts), so the actions show. */
export function TaskView({ serverData, canChange }: { serverData: TaskWithEvents; canChange: boolean }) {
  useTopic(`task:${serverData.id}`);
  const { data: task = serverData } = useSeededSWR<TaskWithEvents>(taskKey(serverData.id), serverData);
  const reanalyzing = task.status === "analyzing" && task.isClarified;
  if (task.revoked) {
    return (
      <p role="alert" data-testid="task-revoked" className="rounded bg-slate-100 p-4 text-slate-700">
        This task was made private: only its creator and admins can see it now.
      </p>
    );
  }
  return (
    <article className="space-y-6" data-task-id={task.id} data-status={task.status} data-version={task.version}>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={task.status} />
          <h1 className="text-xl font-semibold">{task.title}</h1>
        </div>
        <p className="flex flex-wrap gap-x-4 text-sm text-slate-600">
          <span>{task.repo}</span>
          <span>by {task.creator.name ?? task.creator.login}</span>
          {task.githubIssueUrl && <a href={task.githubIssueUrl} {...external}>Issue #{task.githubIssueNumber}</a>}
          {task.githubPrUrl && <a href={task.githubPrUrl} {...external}>PR #{task.githubPrNumber}</a>}
          {task.status === "dispatched" && !task.githubIssueUrl && <span>GitHub is not connected: the issue was kept here, not created.</span>}
        </p>
        {task.errorMessage && <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">{task.errorMessage}</p>}
        {canChange && (
          <>
            <TaskActions taskId={task.id} status={task.status} />
            {canChooseAgent(task) && <AgentPicker taskId={task.id} recommended={task.recommendedAgent} chosen={task.agentOverride} />}
            <PrivacyToggle taskId={task.id} isPrivate={task.isPrivate} />
          </>
        )}
      </header>

      {task.llmSummary && (
        <section aria-label="Analysis" className="space-y-1 text-sm">
          <h2 className="text-base font-semibold">Analysis</h2>
          <p>{task.llmSummary}</p>
          <p className="text-slate-600">
            {task.taskType} · recommended agent {task.recommendedAgent}
            {task.agentOverride && ` · chosen agent ${task.agentOverride}`}
          </p>
          {task.likelyFiles.length > 0 && <p className="text-slate-600">Likely files: {task.likelyFiles.join(", ")}</p>}
          {task.suggestedCriteria.length > 0 && (
            <ul className="list-inside list-disc text-slate-600">
              {task.suggestedCriteria.map((c) => <li key={c}>{c}</li>)}
            </ul>
          )}
        </section>
      )}

      {task.status === "needs_clarification" && canChange && (
        <section aria-label="Questions" className="space-y-2">
          <h2 className="text-base font-semibold">Questions before dispatch</h2>
          <ClarifyForm taskId={task.id} questions={task.clarificationQuestions} />
        </section>
      )}
      {reanalyzing && <p role="status" className="animate-pulse text-sm text-slate-600">Re-analyzing…</p>}

      <section aria-label="Timeline" className="space-y-2">
        <h2 className="text-base font-semibold">Timeline</h2>
        <Timeline events={task.events} />
      </section>
    </article>
  );
}
