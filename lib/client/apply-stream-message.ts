// Routes one stream message to the SWR caches it concerns, without refetching:
// task messages to that task's key, dashboard messages to every cached list.
// Messages that call for a refetch are live-cache.ts's business.
import type { ScopedMutator } from "swr";
import type { StreamEventData, StreamEventName } from "../shared/stream-events";
import type { TaskListResponse, TaskWithEvents } from "../shared/task-dto";
import { markRevoked, patchCounts, patchTaskDetails, removeFromList, patchTaskEvents, patchTaskList, patchTaskPr, patchTaskStatus, replaceTask } from "./cache-patches";
import { listQueryOf, taskKey } from "./swr-keys";

const quiet = { revalidate: false } as const;

export function applyStreamMessage(
  name: StreamEventName,
  data: unknown,
  { mutate, keys, viewerId }: { mutate: ScopedMutator; keys: () => Iterable<string>; viewerId: string | null },
): void {
  const listKeys = () => [...keys()].filter((k) => listQueryOf(k));
  switch (name) {
    case "task:updated": {
      const m = data as StreamEventData<"task:updated">;
      void mutate<TaskWithEvents>(taskKey(m.taskId), (t) => patchTaskDetails(t, m), quiet);
      break;
    }
    case "task:status_changed": {
      const m = data as StreamEventData<"task:status_changed">;
      void mutate<TaskWithEvents>(taskKey(m.taskId), (t) => patchTaskStatus(t, m), quiet);
      break;
    }
    case "task:pr_updated": {
      const m = data as StreamEventData<"task:pr_updated">;
      void mutate<TaskWithEvents>(taskKey(m.taskId), (t) => patchTaskPr(t, m), quiet);
      break;
    }
    case "task:event_added": {
      const m = data as StreamEventData<"task:event_added">;
      void mutate<TaskWithEvents>(taskKey(m.taskId), (t) => patchTaskEvents(t, m), quiet);
      break;
    }
    case "task:revoked": {
      const { taskId } = data as StreamEventData<"task:revoked">;
      void mutate<TaskWithEvents>(taskKey(taskId), markRevoked, quiet);
      for (const key of listKeys()) void mutate<TaskListResponse>(key, (l) => removeFromList(l, taskId), quiet);
      break;
    }
    case "task:state": {
      const { task } = data as { task: TaskWithEvents };
      void mutate<TaskWithEvents>(taskKey(task.id), (t) => replaceTask(t, task), quiet);
      break;
    }
    case "dashboard:task_list_updated": {
      const m = data as StreamEventData<"dashboard:task_list_updated">;
      for (const key of listKeys()) void mutate<TaskListResponse>(key, (l) => patchTaskList(l, m, listQueryOf(key)!, viewerId), quiet);
      break;
    }
    case "dashboard:task_count_changed": {
      const counts = data as StreamEventData<"dashboard:task_count_changed">;
      for (const key of listKeys()) void mutate<TaskListResponse>(key, (l) => patchCounts(l, counts), quiet);
      break;
    }
    default:
      break; // ready, resync, dashboard:state: nothing to patch
  }
}
