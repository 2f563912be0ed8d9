"use client";
import { useEffect, useRef } from "react";
import type { TaskEventDto } from "@/lib/shared/task-dto";
import { RelativeTime } from "../relative-time";

const LABELS: Record<string, string> = {
  created: "Created",
  analyzing: "Analysis started",
  llm_response: "Analysed",
  agent_chosen: "Agent chosen",
  clarification_sent: "Questions asked",
  clarification_received: "Questions answered",
  dispatched: "Dispatched",
  agent_started: "Agent started",
  agent_question: "Agent asked",
  pr_opened: "Pull request opened",
  pr_updated: "Pull request updated",
  pr_review_requested: "Review requested",
  pr_merged: "Merged",
  pr_closed: "Pull request closed",
  failed: "Failed",
  retried: "Retried",
  cancelled: "Cancelled",
};

/** A short line of what matters in an event's payload. */
function detail(e: TaskEventDto): string | null {
  const p = e.payload as Record<string, unknown>;
  if (typeof p.issueNumber === "number") return `issue #${p.issueNumber}`;
  if (typeof p.prNumber === "number") return `PR #${p.prNumber}${p.mergeCommitSha ? ` · ${String(p.mergeCommitSha).slice(0, 7)}` : ""}`;
  if (typeof p.error === "string") return p.error;
  if (typeof p.body === "string") return p.body;
  if (typeof p.summary === "string") return p.summary;
  if (e.type === "agent_chosen") return p.agent === null ? "back to the recommended agent" : String(p.agent);
  return null;
}

/** The timeline; it follows the newest event unless the reader has scrolled up. */
export function Timeline({ events }: { events: TaskEventDto[] }) {
  const box = useRef<HTMLOListElement>(null);
  const following = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [events.length]);
  return (
    <ol
      ref={box}
      aria-label="Timeline"
      data-testid="timeline"
      onScroll={(e) => {
        const el = e.currentTarget;
        following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
      className="max-h-96 space-y-2 overflow-y-auto rounded-lg border border-slate-200 bg-white p-4"
    >
      {events.map((e) => (
        <li key={e.id} data-event-type={e.type} className="flex flex-wrap items-baseline gap-x-3 text-sm">
          <span className="font-medium">{LABELS[e.type] ?? e.type}</span>
          {detail(e) && <span className="min-w-0 flex-1 truncate text-slate-600">{detail(e)}</span>}
          <span className="ml-auto text-xs text-slate-400">
            <RelativeTime iso={e.createdAt} />
          </span>
        </li>
      ))}
    </ol>
  );
}
