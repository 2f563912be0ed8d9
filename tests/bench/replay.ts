// Resume after missing many events: the time from opening a stream with
// Last-Event-ID to receiving the newest missed event. The missed events are
// copies of a real one (its snapshot included), written while the server was
// down, so the server replays them all from the event log on resume.
// Socket.IO has no equivalent: events sent while a client was away are lost.
import http from "node:http";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer } from "../helpers/app-server";
import { now, round, sorted } from "./bench-kit";
import { postgresUrl, type DbKind } from "./servers";

export type ReplayResult = { events: number; resumes: number; msFirst: number; msMedian: number; eventsPerSecond: number };

const COPY_EVENTS = `
  INSERT INTO task_events (task_id, type, payload, task_version, snapshot)
  SELECT task_id, type, payload, task_version, snapshot
  FROM task_events, generate_series(1, $1::int)
  WHERE id = (SELECT max(id) FROM task_events)`;

/** Runs SQL against the app's stopped database: PostgreSQL through pg, or the PGlite folder directly. */
async function withDatabase<T>(env: Record<string, string>, work: (query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<T>): Promise<T> {
  if (env.DATABASE_URL) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return await work((sql, params) => client.query(sql, params));
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(env.PGLITE_DATA_DIR!);
  try {
    return await work((sql, params) => db.query(sql, params));
  } finally {
    await db.close();
  }
}

/** Opens a dashboard stream from `lastEventId` and resolves when the event with `untilId` arrives. */
function resume(url: string, key: string, lastEventId: string, untilId: string): Promise<{ ms: number; messages: number }> {
  const startedAt = now();
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/api/stream?topic=dashboard`, { headers: { authorization: `Bearer ${key}`, "last-event-id": lastEventId } }, (response) => {
      let messages = 0;
      let partial = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop()!; // an unfinished line waits for the next chunk
        for (const line of lines) {
          if (!line.startsWith("id: ")) continue;
          messages++;
          if (line === `id: ${untilId}`) {
            resolve({ ms: now() - startedAt, messages });
            request.destroy();
          }
        }
      });
    });
    request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
    setTimeout(() => reject(new Error(`replay did not reach event ${untilId} within 60 s`)), 60_000).unref();
  });
}

export async function measureReplay(kind: DbKind, events: number, resumes = 5, nodeArgs: string[] = []): Promise<ReplayResult> {
  const db = await makeAppDatabase(kind === "postgres" ? postgresUrl() : undefined);
  const env = { ...db.env, SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false" };
  try {
    const first = await startAppServer(env);
    await apiClient(first).createTask("Benchmark task whose event is copied for the replay");
    await first.stop();
    const [from, until] = await withDatabase(db.env, async (query) => {
      const before = String((await query("SELECT max(id) AS id FROM task_events")).rows[0]!.id);
      await query(COPY_EVENTS, [events]);
      return [before, String((await query("SELECT max(id) AS id FROM task_events")).rows[0]!.id)];
    });
    const server = await startAppServer(env, { nodeArgs });
    try {
      const times: number[] = [];
      for (let i = 0; i < resumes; i++) {
        const { ms, messages } = await resume(server.url, server.key, from, until);
        if (messages < events) throw new Error(`replay delivered ${messages} of ${events} events`);
        times.push(ms);
      }
      const median = sorted(times)[Math.floor(resumes / 2)]!;
      return { events, resumes, msFirst: round(times[0]!), msMedian: round(median), eventsPerSecond: Math.round(events / (median / 1000)) };
    } finally {
      await server.stop();
    }
  } finally {
    await db.cleanup();
  }
}
