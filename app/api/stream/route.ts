import { route } from "@/lib/http/route";
import { openStream } from "@/lib/realtime/open-stream";

export const dynamic = "force-dynamic";

// GET /api/stream?topic=dashboard&topic=task:<id> – live task and dashboard events (SSE).
export const GET = route(async (request, _params, viewer) => openStream(request, viewer));
