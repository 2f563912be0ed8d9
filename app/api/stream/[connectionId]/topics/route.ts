import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { changeStreamTopics } from "@/lib/realtime/open-stream";
import { topicChangeSchema } from "@/lib/shared/stream-topics";

// POST /api/stream/:connectionId/topics – join or leave topics on an open stream.
export const POST = route<{ connectionId: string }>(async (request, { connectionId }, viewer) => {
  const { add = [], remove = [] } = await readJson(request, topicChangeSchema);
  return Response.json(await changeStreamTopics(connectionId, viewer, add, remove));
});
