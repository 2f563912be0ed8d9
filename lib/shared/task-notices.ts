// Which timeline events deserve a toast. One rule for the server (which marks
// dashboard messages with it) and the browser (which reads task messages).
export const TASK_NOTICES = ["pr_ready", "pr_merged"] as const;
export type TaskNotice = (typeof TASK_NOTICES)[number];

export function noticeOf(eventType: string, payload: Record<string, unknown>): TaskNotice | null {
  if (eventType === "pr_merged") return "pr_merged";
  // A draft becomes ready through ready_for_review; a non-draft is ready when opened.
  if (eventType === "pr_opened" && payload.draft === false) return "pr_ready";
  if (eventType === "pr_updated" && payload.action === "ready_for_review") return "pr_ready";
  return null;
}
