"use client";
// The new-task form: validated with the API's own schema before sending, field
// errors beside each field (from the schema or from the server's details).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiRequestError, apiRequest } from "@/lib/client/fetcher";
import type { FieldIssue } from "@/lib/shared/api-error";
import { createTaskSchema } from "@/lib/shared/task-schemas";
import { AGENTS, PRIORITIES, TASK_TYPES } from "@/lib/shared/task-status";

type Errors = Record<string, string>;
const input = "w-full rounded border border-slate-300 p-2 text-sm";

function Field({ name, label, errors, children }: { name: string; label: string; errors: Errors; children: React.ReactNode }) {
  return (
    <label className="block space-y-1">
      <span className="text-sm font-medium">{label}</span>
      {children}
      {errors[name] && (
        <span id={`${name}-error`} className="block text-sm text-red-700">
          {errors[name]}
        </span>
      )}
    </label>
  );
}

type ChoiceProps = { name: string; label: string; options: readonly string[]; blank?: string; initial?: string; errors: Errors };

function Choice({ name, label, options, blank, initial = "", errors }: ChoiceProps) {
  return (
    <Field name={name} label={label} errors={errors}>
      <select name={name} className={input} defaultValue={initial}>
        {blank && <option value="">{blank}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function NewTaskForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      description: String(form.get("description") ?? ""),
      type: form.get("type") || undefined,
      repo: form.get("repo") || undefined,
      files: form.get("files") || undefined,
      acceptanceCriteria: form.get("acceptanceCriteria") || undefined,
      priority: form.get("priority") || undefined,
      isPrivate: form.get("isPrivate") === "on",
      agent: form.get("agent") || undefined,
      source: "web",
    };
    const parsed = createTaskSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? ""), i.message])));
      return;
    }
    setSending(true);
    setErrors({});
    try {
      const task = await apiRequest<{ id: string }>("POST", "/api/tasks", parsed.data);
      router.push(`/tasks/${task.id}`);
    } catch (error) {
      const details = error instanceof ApiRequestError && Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
      setErrors(details.length ? Object.fromEntries(details.map((d) => [d.path.split(".")[0] ?? "", d.message])) : { "": error instanceof Error ? error.message : "Could not create the task" });
      setSending(false);
    }
  }

  const aria = (name: string) => ({ "aria-invalid": Boolean(errors[name]), "aria-describedby": errors[name] ? `${name}-error` : undefined });
  return (
    <form onSubmit={submit} noValidate className="max-w-2xl space-y-4" aria-label="New task">
      <Field name="description" label="What should the agent do?" errors={errors}>
        <textarea name="description" rows={6} className={input} {...aria("description")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="repo" label="Repository (owner/name)" errors={errors}>
          <input name="repo" className={input} placeholder="default repository" {...aria("repo")} />
        </Field>
        <Choice name="type" label="Type" options={TASK_TYPES} blank="Let the analysis decide" errors={errors} />
        <Choice name="agent" label="Agent" options={AGENTS} blank="Recommended by the analysis" errors={errors} />
        <Choice name="priority" label="Priority" options={PRIORITIES} initial="normal" errors={errors} />
      </div>
      <Field name="files" label="Files (comma-separated)" errors={errors}>
        <input name="files" className={input} {...aria("files")} />
      </Field>
      <Field name="acceptanceCriteria" label="Acceptance criteria" errors={errors}>
        <textarea name="acceptanceCriteria" rows={3} className={input} {...aria("acceptanceCriteria")} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isPrivate" /> Private: only you and admins see it
      </label>
      {errors[""] && <p role="alert" className="text-sm text-red-700">{errors[""]}</p>}
      <button type="submit" disabled={sending} className="rounded bg-slate-900 px-4 py-2 text-sm text-white disabled:opacity-50">
        {sending ? "Creating…" : "Create task"}
      </button>
    </form>
  );
}
