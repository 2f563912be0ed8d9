// How stream messages change cached API responses. Pure functions, so SWR's
// mutate(key, patch, {revalidate: false}) can apply them. The rule: a message
// older than what the cache holds (by task version) changes nothing, so
// duplicates, replays and late messages are harmless; messages of the same
// version carry the same state and may apply again.
import type { StreamEventData } from "../shared/stream-events";
import type { TaskEventDto, TaskListItem, TaskListResponse, TaskWithEvents } from "../shared/task-dto";
import type { ListTasksQuery } from "../shared/task-schemas";

type DetailsUpdated = StreamEventData<"task:updated">;
type StatusChanged = StreamEventData<"task:status_changed">;
type EventAdded = StreamEventData<"task:event_added">;
type PrUpdated = StreamEventData<"task:pr_updated">;
type ListUpdated = StreamEventData<"dashboard:task_list_updated">;

/** No cache, another task, or older than the cache: the message changes nothing. */
function isStale(task: TaskWithEvents | undefined, m: { taskId: string; version: number }): task is undefined {
  return !task || task.id !== m.taskId || m.version < task.version;
}

export function patchTaskStatus(task: TaskWithEvents | undefined, m: StatusChanged): TaskWithEvents | undefined {
  if (isStale(task, m)) return task;
  return {
    ...task,
    status: m.status,
    version: m.version,
    ...(m.questions !== undefined && { clarificationQuestions: m.questions }),
    ...(m.issueNumber !== undefined && { githubIssueNumber: m.issueNumber }),
    ...(m.issueUrl !== undefined && { githubIssueUrl: m.issueUrl }),
    ...(m.prNumber !== undefined && { githubPrNumber: m.prNumber }),
    ...(m.prUrl !== undefined && { githubPrUrl: m.prUrl }),
    ...(m.errorMessage !== undefined && { errorMessage: m.errorMessage }),
  };
}

/** The task's changeable fields as the event left them; the submitted text and timeline stay. */
export function patchTaskDetails(task: TaskWithEvents | undefined, m: DetailsUpdated): TaskWithEvents | undefined {
  if (isStale(task, m)) return task;
  return { ...task, ...(m.task as Partial<TaskWithEvents>), id: task.id, events: task.events, lastEventId: task.lastEventId, version: m.version };
}

export function patchTaskPr(task: TaskWithEvents | undefined, m: PrUpdated): TaskWithEvents | undefined {
  if (isStale(task, m)) return task;
  return {
    ...task,
    version: m.version,
    githubPrNumber: m.prNumber,
    githubPrUrl: m.prUrl,
    githubPrStatus: m.prStatus,
    ...(m.mergeCommitSha !== undefined && { mergeCommitSha: m.mergeCommitSha }),
  };
}

/** Timeline events are kept by id: a repeat is dropped, a late one lands in id order. */
export function patchTaskEvents(task: TaskWithEvents | undefined, m: EventAdded): TaskWithEvents | undefined {
  if (!task || task.id !== m.taskId || task.events.some((e) => e.id === m.event.id)) return task;
  const events: TaskEventDto[] = [...task.events, m.event].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return { ...task, events, version: Math.max(task.version, m.version) };
}

/** A full snapshot replaces the cache unless the cache is newer. */
export function replaceTask(task: TaskWithEvents | undefined, next: TaskWithEvents): TaskWithEvents {
  return task && task.id === next.id && task.version > next.version ? task : next;
}

/** Whether a row belongs in a list with these filters (page 1 only gains new rows). */
export function matchesFilters(row: ListUpdated, query: ListTasksQuery, viewerId: string | null): boolean {
  if (query.status?.length && !query.status.includes(row.status)) return false;
  if (query.repo && row.repo.toLowerCase() !== query.repo.toLowerCase()) return false;
  if (query.creator && row.creator.login.toLowerCase() !== query.creator.toLowerCase()) return false;
  if (query.mine && row.creator.id !== viewerId) return false;
  if (query.q && !`${row.title} ${row.repo}`.toLowerCase().includes(query.q.toLowerCase())) return false;
  return true;
}

/**
 * A dashboard row update. A row on the page is replaced when the update is not
 * older, or removed when it no longer matches the filters. A row not on the
 * page enters when it is new (version 1) or has just moved into a status the
 * list filters on, at its place in newest-first order on page 1.
 */
export function patchTaskList(
  list: TaskListResponse | undefined,
  m: ListUpdated,
  query: ListTasksQuery,
  viewerId: string | null,
): TaskListResponse | undefined {
  if (!list) return list;
  const { taskId, notice: _notice, ...fields } = m;
  const row: TaskListItem = { ...(fields as Omit<TaskListItem, "id">), id: taskId };
  const index = list.tasks.findIndex((t) => t.id === taskId);
  const matches = matchesFilters(m, query, viewerId);
  if (index >= 0) {
    if (m.version < list.tasks[index]!.version) return list;
    if (!matches) return { ...list, tasks: list.tasks.filter((t) => t.id !== taskId), total: Math.max(0, list.total - 1) };
    return { ...list, tasks: list.tasks.map((t, i) => (i === index ? row : t)) };
  }
  const entering = matches && (m.version === 1 || Boolean(query.status?.length));
  if (!entering) return list;
  const total = list.total + 1;
  const oldest = list.tasks.at(-1);
  const full = list.tasks.length >= list.limit;
  if ((query.page ?? 1) !== 1 || (full && oldest && row.createdAt < oldest.createdAt)) return { ...list, total };
  const tasks = [...list.tasks, row].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
  return { ...list, tasks: tasks.slice(0, list.limit), total };
}

/** The viewer may no longer see the task: it leaves every list. */
export function removeFromList(list: TaskListResponse | undefined, taskId: string): TaskListResponse | undefined {
  if (!list?.tasks.some((t) => t.id === taskId)) return list;
  return { ...list, tasks: list.tasks.filter((t) => t.id !== taskId), total: Math.max(0, list.total - 1) };
}

/** The task page keeps what it showed, marked as no longer visible. */
export function markRevoked(task: TaskWithEvents | undefined): TaskWithEvents | undefined {
  return task && { ...task, revoked: true };
}

export function patchCounts(list: TaskListResponse | undefined, counts: TaskListResponse["counts"]): TaskListResponse | undefined {
  return list && { ...list, counts };
}
