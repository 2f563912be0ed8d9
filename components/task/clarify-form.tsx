"use client";
import { useState } from "react";
import { ApiRequestError, apiRequest } from "@/lib/client/fetcher";
import { clarifyTaskSchema } from "@/lib/shared/task-schemas";

export function ClarifyForm({ taskId, questions }: { taskId: string; questions: string[] }) {
  const [answers, setAnswers] = useState<string[]>(questions.map(() => ""));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = clarifyTaskSchema.safeParse({ answers });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])));
      return;
    }
    setSending(true);
    setErrors({});
    try {
      await apiRequest("POST", `/api/tasks/${taskId}/clarify`, parsed.data); // the stream brings the new state
    } catch (error) {
      setErrors({ "": error instanceof ApiRequestError ? error.message : "Could not send the answers" });
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Answer the questions">
      {questions.map((question, i) => (
        <label key={i} className="block space-y-1">
          <span className="text-sm font-medium">{question}</span>
          <textarea
            className="w-full rounded border border-slate-300 p-2 text-sm"
            rows={2}
            value={answers[i]}
            onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))}
            aria-invalid={Boolean(errors[`answers.${i}`])}
          />
          {errors[`answers.${i}`] && <span className="text-sm text-red-700">{errors[`answers.${i}`]}</span>}
        </label>
      ))}
      {errors[""] && <p className="text-sm text-red-700">{errors[""]}</p>}
      <button type="submit" disabled={sending} className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50">
        {sending ? "Sending…" : "Send answers"}
      </button>
    </form>
  );
}
