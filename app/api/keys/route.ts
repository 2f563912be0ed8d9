import { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { createApiKeySchema } from "@/lib/shared/account-schemas";

// GET /api/keys – the caller's API keys (never the keys themselves).
export const GET = route(async (_request, _params, actor) => Response.json({ keys: await listApiKeys(actor.id) }));

// POST /api/keys – a new key for the caller; the response is the only time it is shown.
export const POST = route(async (request, _params, actor) => {
  const { name } = await readJson(request, createApiKeySchema);
  return Response.json(await createApiKey(actor.id, name), { status: 201 });
});
