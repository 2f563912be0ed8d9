import { z } from "zod";

// What a stream connection can subscribe to: the dashboard (every task it may
// see) or one task's page.
export const DASHBOARD_TOPIC = "dashboard";
export type TaskTopic = `task:${string}`;
export type Topic = typeof DASHBOARD_TOPIC | TaskTopic;

const TASK_TOPIC = /^task:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const topicSchema = z
  .string()
  .refine((t) => t === DASHBOARD_TOPIC || TASK_TOPIC.test(t), "A topic is dashboard or task:<task id>")
  .transform((t) => t.toLowerCase() as Topic);

export const MAX_TOPICS_PER_CONNECTION = 50;

export const topicChangeSchema = z
  .strictObject({
    add: z.array(topicSchema).max(MAX_TOPICS_PER_CONNECTION).optional(),
    remove: z.array(topicSchema).max(MAX_TOPICS_PER_CONNECTION).optional(),
  })
  .refine((v) => v.add?.length || v.remove?.length, "Give topics to add or remove");

export const taskTopic = (taskId: string): TaskTopic => `task:${taskId.toLowerCase()}`;
export const taskIdOfTopic = (topic: Topic): string | null => (topic.startsWith("task:") ? topic.slice(5) : null);
