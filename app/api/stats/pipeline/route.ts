import { z } from "zod";
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";
import { STATS_DAYS_DEFAULT, STATS_DAYS_MAX } from "@/lib/shared/pipeline-stats";
import { pipelineStats } from "@/lib/tasks/pipeline-stats";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({ days: z.coerce.number().int().min(1).max(STATS_DAYS_MAX).default(STATS_DAYS_DEFAULT) });

// GET /api/stats/pipeline?days=14 – success rate, time from dispatch to PR and to merge, tasks per status by day (over the tasks you may see).
export const GET = route(async (request, _params, actor) => Response.json(await pipelineStats(actor, readQuery(request, querySchema).days)));
