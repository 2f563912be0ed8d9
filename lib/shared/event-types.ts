// Timeline event types (TaskEvent.type). The database column is plain text so
// that later features can add types; writers use only these names.
export const TASK_EVENT_TYPES = [
  "created",
  "analyzing",
  "llm_response",
  "agent_chosen",
  "visibility_changed",
  "clarification_sent",
  "clarification_received",
  "dispatched",
  "agent_started",
  "agent_question",
  "agent_answer",
  "pr_opened",
  "pr_updated",
  "pr_review_requested",
  "pr_merged",
  "pr_closed",
  "failed",
  "retried",
  "cancelled",
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];
