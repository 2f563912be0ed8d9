"use client";
import { useState } from "react";
import { ApiRequestError, apiRequest } from "@/lib/client/fetcher";
import { AGENTS, type Agent } from "@/lib/shared/task-status";

const NAMES: Record<Agent, string> = { "claude-code": "Claude Code", codex: "Codex", copilot: "Copilot" };

/** Chooses the agent before dispatch; "" goes back to the analysis's recommendation. The stream shows the result. */
export function AgentPicker({ taskId, recommended, chosen }: { taskId: string; recommended: Agent | null; chosen: Agent | null }) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choose(value: string) {
    setSending(true);
    setError(null);
    try {
      await apiRequest("PATCH", `/api/tasks/${taskId}`, { agent: value === "" ? null : value });
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : "Could not change the agent");
    } finally {
      setSending(false);
    }
  }

  return (
    <label className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium">Agent</span>
      <select
        value={chosen ?? ""}
        disabled={sending}
        onChange={(e) => void choose(e.target.value)}
        className="rounded border border-slate-300 bg-white px-2 py-1 disabled:opacity-50"
      >
        <option value="">{recommended ? `Recommended: ${NAMES[recommended]}` : "As the analysis recommends"}</option>
        {AGENTS.map((agent) => (
          <option key={agent} value={agent}>{NAMES[agent]}</option>
        ))}
      </select>
      {error && <span role="alert" className="text-red-700">{error}</span>}
    </label>
  );
}
