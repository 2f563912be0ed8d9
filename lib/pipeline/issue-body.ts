// The GitHub issue a task becomes (spec section 7): title = summary, body in
// the spec's order, labels by agent routing plus the task type.
import { AGENT_LABELS } from "../github/labels";
import { taskMarker } from "../github/task-marker";
import type { Agent, TaskType } from "../shared/task-status";

export type IssueDraft = { title: string; body: string; labels: string[] };

export type IssueInput = {
  taskId: string;
  source: string;
  summary: string;
  description: string;
  taskType: TaskType;
  agent: Agent;
  criteria: string[];
  likelyFiles: string[];
  questions: string[];
  answers: string[];
  /** Still unclear after the one clarification round: dispatched anyway. */
  stillUnclear: boolean;
};

const quote = (text: string) => text.split("\n").map((line) => `> ${line}`).join("\n");
const list = (items: string[], empty: string, bullet = "- ") => (items.length ? items.map((i) => `${bullet}${i}`).join("\n") : empty);

export function issueDraft(t: IssueInput): IssueDraft {
  const qa = t.questions.map((q, i) => `**${q}**\n${quote(t.answers[i] ?? "(no answer)")}`).join("\n\n");
  const body = [
    `## Task\n${t.summary}`,
    `## Description\n${t.description}`,
    `## Acceptance Criteria\n${list(t.criteria, "- [ ] The change does what the description asks", "- [ ] ")}`,
    `## Likely Files\n${list(t.likelyFiles.map((f) => `\`${f}\``), "_None identified._")}`,
    [
      "## Agent Instructions",
      `- Task type: **${t.taskType}**. Read \`.ai/prompts/${t.taskType}.md\` in this repository if it exists.`,
      "- This task is pre-clarified: do not ask questions, proceed to implementation.",
      ...(t.stillUnclear ? ["- Note: the task was still unclear after one round of questions; where it is ambiguous, choose the simplest reading and say so in the pull request."] : []),
    ].join("\n"),
    [
      "## Scope",
      "- Change only files related to this task.",
      "- All existing tests keep passing.",
      "- Add tests for new behaviour.",
      "- Follow the repository's conventions file.",
    ].join("\n"),
    ...(qa ? [`## Clarification Q&A\n${qa}`] : []),
    `---\n_Created by the Conduit pipeline for task ${t.taskId} (source: ${t.source})._\n${taskMarker(t.taskId)}`,
  ].join("\n\n");
  return { title: t.summary, body, labels: [...AGENT_LABELS[t.agent], t.taskType] };
}
