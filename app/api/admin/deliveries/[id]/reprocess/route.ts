import { assertMayAdminister, reprocessDelivery } from "@/lib/github/delivery-admin";
import { route } from "@/lib/http/route";

// POST /api/admin/deliveries/:id/reprocess – process a stored delivery again; answers its new outcome (admins).
export const POST = route<{ id: string }>(async (_request, { id }, actor) => {
  assertMayAdminister(actor);
  return Response.json(await reprocessDelivery(id));
});
