import type { Viewer } from "../auth/permissions";
import { AppError } from "../shared/api-error";
import { MAX_TOPICS_PER_CONNECTION, topicSchema, type Topic } from "../shared/stream-topics";
import { parseWith } from "../http/read-json";
import { z } from "zod";
import { consume, release } from "../limits/rate-limits";
import { getHub } from "./hub";

export const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no", // nginx: pass each event through at once
  Connection: "keep-alive",
} as const;

const streamQuerySchema = z.object({
  topics: z.array(topicSchema).max(MAX_TOPICS_PER_CONNECTION, `At most ${MAX_TOPICS_PER_CONNECTION} topics`),
  lastEventId: z.string().regex(/^\d{1,19}$/, "An event id is a decimal number").optional(),
});

/**
 * GET /api/stream: opens a Server-Sent Events stream for the given topics. The
 * browser's Last-Event-ID header (reconnects) wins over ?lastEventId= (a first
 * connect from a server-rendered page).
 */
export async function openStream(request: Request, viewer: Viewer): Promise<Response> {
  const url = new URL(request.url);
  const { topics, lastEventId } = parseWith(
    streamQuerySchema,
    {
      topics: [...new Set(url.searchParams.getAll("topic"))],
      lastEventId: request.headers.get("last-event-id") || url.searchParams.get("lastEventId") || undefined,
    },
    "The stream request is invalid",
  );
  await consume("openStream", viewer.id); // a slot, given back when the stream closes or fails to open
  const connection = await getHub()
    .then((hub) => hub.open(viewer, topics as Topic[], lastEventId === undefined ? undefined : BigInt(lastEventId)))
    .catch(async (error: unknown) => {
      await release("openStream", viewer.id);
      throw error;
    });
  void connection.whenClosed.then(() => release("openStream", viewer.id));
  // Both ways a client leaves: the request aborts, or the body stream is cancelled.
  request.signal.addEventListener("abort", () => connection.close("client"), { once: true });
  return new Response(connection.stream, { headers: STREAM_HEADERS });
}

/** POST /api/stream/:connectionId/topics: join and leave without reconnecting. */
export async function changeStreamTopics(connectionId: string, viewer: Viewer, add: Topic[], remove: Topic[]) {
  await consume("topicChange", connectionId);
  const hub = await getHub();
  const connection = hub.find(connectionId);
  // Another user's connection is as good as absent.
  if (!connection || connection.viewer.id !== viewer.id) {
    throw new AppError("not_found", "No open stream with that id on this server; reconnect and use the new id");
  }
  const total = new Set([...connection.topics, ...add].filter((t) => !remove.includes(t))).size;
  if (total > MAX_TOPICS_PER_CONNECTION) {
    throw new AppError("validation_failed", `A stream has at most ${MAX_TOPICS_PER_CONNECTION} topics`, [
      { path: "add", message: `At most ${MAX_TOPICS_PER_CONNECTION} topics in all` },
    ]);
  }
  await hub.changeTopics(connection, add, remove);
  return { connectionId, topics: [...connection.topics] };
}
