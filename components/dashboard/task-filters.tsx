"use client";
// The dashboard's filters. They live in the URL, so a filtered view can be
// shared and Back works; a change navigates and the server renders the list.
// Without JavaScript the form still submits as a plain GET.
import { useRouter } from "next/navigation";
import { STATUS_STYLE } from "@/lib/shared/status-style";
import { TASK_STATUSES } from "@/lib/shared/task-status";

export type FilterValues = { mine: boolean; status: string; repo: string; creator: string; q: string };
type FilterOptions = { repos: string[]; creators: { login: string; name: string | null }[] };

const field = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** The dashboard URL for these filters, without empty parameters (and so on page 1). */
export function dashboardHref(values: Partial<FilterValues>, page = 1): string {
  const params = new URLSearchParams();
  if (values.mine) params.set("mine", "true");
  for (const name of ["status", "repo", "creator", "q"] as const) if (values[name]) params.set(name, values[name]);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

export function TaskFilters({ values, options }: { values: FilterValues; options: FilterOptions }) {
  const router = useRouter();
  const apply = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    router.push(dashboardHref({ mine: data.get("mine") === "true", status: text("status"), repo: text("repo"), creator: text("creator"), q: text("q") }));
  };
  const onChange = (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (event.target.name !== "q") apply(event.target.form!);
  };

  return (
    <form
      role="search"
      aria-label="Filter tasks"
      action="/"
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
      className="flex flex-wrap items-end gap-2"
    >
      <fieldset className="inline-flex overflow-hidden rounded border border-slate-300 text-sm">
        <legend className="sr-only">Whose tasks</legend>
        {[
          { value: "", label: "All" },
          { value: "true", label: "My tasks" },
        ].map(({ value, label }) => (
          <label key={label} className="cursor-pointer px-3 py-1.5 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:ring-2">
            <input type="radio" name="mine" value={value} defaultChecked={values.mine === (value === "true")} onChange={onChange} className="sr-only" />
            {label}
          </label>
        ))}
      </fieldset>
      <Choice label="Status" name="status" value={values.status} onChange={onChange} choices={STATUS_CHOICES} />
      <Choice label="Repository" name="repo" value={values.repo} onChange={onChange}
        choices={[{ value: "", label: "All repositories" }, ...withCurrent(options.repos, values.repo).map((repo) => ({ value: repo, label: repo }))]} />
      <Choice label="Creator" name="creator" value={values.creator} onChange={onChange}
        choices={[
          { value: "", label: "Anyone" },
          ...withCurrent(options.creators.map((c) => c.login), values.creator).map((login) => ({
            value: login,
            label: options.creators.find((c) => c.login === login)?.name ?? login,
          })),
        ]} />
      <label className="flex min-w-48 flex-1 flex-col text-xs text-slate-600">
        Search
        <input type="search" name="q" defaultValue={values.q} maxLength={200} placeholder="Description, summary or repository" className={field} />
      </label>
      <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
        Search
      </button>
    </form>
  );
}

const STATUS_CHOICES = [
  { value: "", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "finished", label: "Finished" },
  ...TASK_STATUSES.map((s) => ({ value: s, label: STATUS_STYLE[s].label })),
];

type ChoiceProps = {
  label: string;
  name: string;
  value: string;
  choices: { value: string; label: string }[];
  onChange: (event: React.ChangeEvent<HTMLSelectElement>) => void;
};

function Choice({ label, name, value, choices, onChange }: ChoiceProps) {
  return (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <select name={name} defaultValue={value} onChange={onChange} className={field}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>{c.label}</option>
        ))}
      </select>
    </label>
  );
}

/** A value from the URL stays selectable even when no task has it (yet). */
function withCurrent(list: string[], current: string): string[] {
  return current && !list.includes(current) ? [current, ...list] : list;
}
