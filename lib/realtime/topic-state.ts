// The snapshot a connection receives when it joins a topic.
import type { Viewer } from "../auth/permissions";
import { AppError } from "../shared/api-error";
import type { StreamEventData } from "../shared/stream-events";
import { DASHBOARD_TOPIC, taskIdOfTopic, type Topic } from "../shared/stream-topics";
import { getTaskWithEvents } from "../tasks/get-task";
import { listTasks } from "../tasks/list-tasks";
import { encodeSse } from "./sse-encode";

/** Encoded task:state or dashboard:state; null when the task is gone or hidden from the viewer. */
export async function topicStateMessage(topic: Topic, viewer: Viewer): Promise<Uint8Array | null> {
  if (topic === DASHBOARD_TOPIC) {
    const data: StreamEventData<"dashboard:state"> = await listTasks({}, viewer);
    return encodeSse({ event: "dashboard:state", data });
  }
  const task = await getTaskWithEvents(taskIdOfTopic(topic)!, viewer).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!task) return null;
  const data: StreamEventData<"task:state"> = { task };
  return encodeSse({ event: "task:state", data });
}
