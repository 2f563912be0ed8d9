// Where a new connection starts: fresh (send the state of its topics), a
// replay of what it missed, or `resync` when continuity cannot be promised.
import { countEvents, newestEventId, oldestEventTime, type EventRange } from "../events/read-events";
import { DASHBOARD_TOPIC, taskIdOfTopic, type Topic } from "../shared/stream-topics";

export type StreamPlan =
  | { kind: "fresh"; start: bigint }
  | { kind: "replay"; start: bigint; range: EventRange }
  | { kind: "resync"; start: bigint; reason: string };

export type PlanLimits = { retentionMs: number; replayMax: number };

/** The events a connection's topics cover: all for the dashboard, else its tasks'. */
export function topicRange(topics: Iterable<Topic>, after: bigint, upTo: bigint): EventRange | null {
  const list = [...topics];
  if (list.includes(DASHBOARD_TOPIC)) return { after, upTo };
  const taskIds = list.map(taskIdOfTopic).filter((id): id is string => id !== null);
  return taskIds.length ? { after, upTo, taskIds } : null;
}

/** `cursor` is the hub's position: everything up to it has been fanned out live. */
export async function planStream(
  topics: Set<Topic>,
  resumeFrom: bigint | undefined,
  cursor: bigint,
  limits: PlanLimits,
): Promise<StreamPlan> {
  if (resumeFrom === undefined) return { kind: "fresh", start: cursor };
  if (resumeFrom >= cursor) {
    // Ahead of this hub (it has not fanned those out yet): skip up to the resume
    // point. An id no event ever had means another database: start over.
    if (resumeFrom > cursor && resumeFrom > (await newestEventId())) {
      return { kind: "resync", start: cursor, reason: "unknown_resume_point" };
    }
    return { kind: "replay", start: resumeFrom, range: { after: resumeFrom, upTo: resumeFrom } };
  }
  const range = topicRange(topics, resumeFrom, cursor);
  if (range && (await countEvents(range, limits.replayMax + 1)) > limits.replayMax) {
    return { kind: "resync", start: cursor, reason: "too_many_missed_events" };
  }
  const oldest = await oldestEventTime({ after: resumeFrom, upTo: cursor });
  if (oldest && Date.now() - oldest.getTime() > limits.retentionMs) {
    return { kind: "resync", start: cursor, reason: "resume_point_expired" };
  }
  return { kind: "replay", start: resumeFrom, range: range ?? { after: cursor, upTo: cursor } };
}
