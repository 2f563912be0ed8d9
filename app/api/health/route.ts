import { checkDatabase } from "@/lib/db/check-database";

export const dynamic = "force-dynamic";

// GET /api/health – liveness and database reachability, for load balancers and people.
export async function GET(): Promise<Response> {
  const db = await checkDatabase();
  const body = {
    status: db.ok ? "ok" : "error",
    db: db.ok ? "connected" : "unreachable",
    database: db.ok ? { kind: db.kind, latencyMs: db.latencyMs } : { kind: db.kind },
    uptimeSeconds: Math.round(process.uptime()),
  };
  return Response.json(body, { status: db.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
