import { deleteApiKey } from "@/lib/auth/api-keys";
import { route } from "@/lib/http/route";

// DELETE /api/keys/:id – revoke one of the caller's keys.
export const DELETE = route<{ id: string }>(async (_request, { id }, actor) => {
  await deleteApiKey(actor.id, id);
  return new Response(null, { status: 204 });
});
