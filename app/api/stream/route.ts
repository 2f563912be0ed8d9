import { route } from "@/lib/http/route";
import { openStream } from "@/lib/realtime/open-stream";

export const dynamic = "force-dynamic";
// Vercel ends a function after maxDuration seconds; streams end themselves
// before it (STREAM_LIFETIME_MS, at most 1.1 × its value) and resume by id.
export const maxDuration = 300;

// GET /api/stream?topic=dashboard&topic=task:<id> – live task and dashboard events (SSE).
export const GET = route(async (request, _params, viewer) => openStream(request, viewer));
