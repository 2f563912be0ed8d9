import { assertMayAdminister, listDeliveries, listDeliveriesQuerySchema } from "@/lib/github/delivery-admin";
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /api/admin/deliveries?outcome=failed&limit=50&before=<receivedAt> – recent webhook deliveries, newest first (admins).
export const GET = route(async (request, _params, actor) => {
  assertMayAdminister(actor);
  const deliveries = await listDeliveries(readQuery(request, listDeliveriesQuerySchema));
  return Response.json({ deliveries });
});
