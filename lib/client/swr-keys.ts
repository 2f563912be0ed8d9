// SWR keys are the API URLs themselves, so the shared fetcher needs nothing else.
import { listTasksQuerySchema, type ListTasksQuery } from "../shared/task-schemas";

const LIST_PREFIX = "/api/tasks?";

export function taskListKey(query: ListTasksQuery): string {
  const params = new URLSearchParams();
  for (const status of query.status ?? []) params.append("status", status);
  if (query.repo) params.set("repo", query.repo);
  if (query.creator) params.set("creator", query.creator);
  if (query.mine) params.set("mine", "true");
  if (query.q) params.set("q", query.q);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  if (query.limit) params.set("limit", String(query.limit));
  return `${LIST_PREFIX}${params}`;
}

/** The query behind a list key, or null for any other key. */
export function listQueryOf(key: unknown): ListTasksQuery | null {
  if (typeof key !== "string" || !key.startsWith(LIST_PREFIX)) return null;
  const params = new URLSearchParams(key.slice(LIST_PREFIX.length));
  const raw: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) raw[name] = name === "status" ? params.getAll(name) : params.get(name)!;
  const parsed = listTasksQuerySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export const taskKey = (taskId: string) => `/api/tasks/${taskId}`;
