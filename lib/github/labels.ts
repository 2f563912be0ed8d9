// Labels that route an issue to an agent (labels only, never assignees), plus
// the task type label. Dispatch writes them; webhook handlers recognise them.
import type { Agent, TaskType } from "../shared/task-status";

export const AGENT_LABELS: Record<Agent, string[]> = {
  "claude-code": ["ai-task"],
  codex: ["ai-task", "codex"],
  copilot: ["copilot-eligible"],
};

export const TASK_TYPE_LABELS: TaskType[] = ["bug-fix", "feature", "refactor", "test-coverage"];

export const DISPATCH_LABELS = new Set<string>([...Object.values(AGENT_LABELS).flat(), ...TASK_TYPE_LABELS]);
