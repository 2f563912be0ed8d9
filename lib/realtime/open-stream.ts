import type { Viewer } from "../auth/permissions";
import { getEnv } from "../config/env";
import { AppError } from "../shared/api-error";
import { MAX_TOPICS_PER_CONNECTION, topicSchema, type Topic } from "../shared/stream-topics";
import { parseWith } from "../http/read-json";
import { z } from "zod";
import { consume, release } from "../limits/rate-limits";
import { isDraining } from "../startup/lifecycle";
import { getHub } from "./hub";
import type { StreamConnection } from "./stream-connection";
import { WebStreamSink, type StreamSink } from "./stream-sink";

export const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no", // nginx: pass each event through at once
  "X-Content-Type-Options": "nosniff",
  Connection: "keep-alive",
} as const;

const streamQuerySchema = z.object({
  topics: z.array(topicSchema).max(MAX_TOPICS_PER_CONNECTION, `At most ${MAX_TOPICS_PER_CONNECTION} topics`),
  lastEventId: z.string().regex(/^\d{1,19}$/, "An event id is a decimal number").optional(),
});

export type StreamQuery = { topics: Topic[]; resumeFrom: bigint | undefined };

/**
 * What a stream request asks for: `?topic=` (repeated), and where to resume.
 * The browser's Last-Event-ID header (reconnects) wins over ?lastEventId= (a
 * first connect from a server-rendered page).
 */
export function parseStreamQuery(url: URL, headers: Headers): StreamQuery {
  const { topics, lastEventId } = parseWith(
    streamQuerySchema,
    {
      topics: [...new Set(url.searchParams.getAll("topic"))],
      lastEventId: headers.get("last-event-id") || url.searchParams.get("lastEventId") || undefined,
    },
    "The stream request is invalid",
  );
  return { topics: topics as Topic[], resumeFrom: lastEventId === undefined ? undefined : BigInt(lastEventId) };
}

/** Opens a stream into `sink`, within the person's stream limit (a slot, given back when the stream closes or fails to open). */
export async function startStream(viewer: Viewer, { topics, resumeFrom }: StreamQuery, sink: StreamSink): Promise<StreamConnection> {
  if (isDraining()) throw new AppError("unavailable", "This server is shutting down: reconnect to resume", { retryAfter: 1 });
  await consume("openStream", viewer.id);
  const connection = await getHub()
    .then((hub) => hub.open(viewer, topics, resumeFrom, sink))
    .catch(async (error: unknown) => {
      await release("openStream", viewer.id);
      throw error;
    });
  void connection.whenClosed.then(() => release("openStream", viewer.id));
  return connection;
}

/** GET /api/stream through the route handler (`next dev`, Vercel): the stream is the Response body. */
export async function openStream(request: Request, viewer: Viewer): Promise<Response> {
  const query = parseStreamQuery(new URL(request.url), request.headers);
  const sink = new WebStreamSink(getEnv().STREAM_QUEUE_BYTES);
  const connection = await startStream(viewer, query, sink);
  // Both ways a client leaves: the request aborts, or the body stream is cancelled.
  request.signal.addEventListener("abort", () => connection.close("client"), { once: true });
  return new Response(sink.stream, { headers: STREAM_HEADERS });
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
