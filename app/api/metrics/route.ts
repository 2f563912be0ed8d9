import { publicRoute } from "@/lib/http/route";
import { metricsResponse } from "@/lib/observability/metrics-endpoint";

export const dynamic = "force-dynamic";

// GET /api/metrics – Prometheus text format, with Authorization: Bearer <METRICS_TOKEN>.
export const GET = publicRoute(async (request) => metricsResponse(request));
