// The design Conduit replaces, rebuilt for side-by-side benchmarks: a plain
// Node HTTP server with a Socket.IO 4 gateway, rooms `dashboard` and
// `task:<id>`, and a GitHub webhook endpoint that verifies the signature, makes
// the same kind of database write per delivery (delivery row, task update,
// event row, one transaction) and then emits to the rooms. No auth, no event
// log, no resume: as the old gateway was. Not part of the app.
//
//   node tests/bench/socketio/gateway.mjs   (PORT, DATABASE_URL or PGLITE_DATA_DIR, WEBHOOK_SECRET)
import { mkdir } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { verify } from "@octokit/webhooks-methods";
import { Server } from "socket.io";

const port = Number(process.env.PORT ?? 3999);
const secret = process.env.WEBHOOK_SECRET ?? "bench-secret";
const db = await openDatabase();
// Exit, not die, on the bench's SIGTERM: a --cpu-prof run writes its profile at exit.
process.on("SIGTERM", () => process.exit(0));
await db.exec(`
  CREATE TABLE IF NOT EXISTS gw_deliveries (id text PRIMARY KEY, event text NOT NULL, received_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS gw_tasks (id text PRIMARY KEY, status text NOT NULL, pr_number int, version int NOT NULL DEFAULT 1, updated_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS gw_events (id bigserial PRIMARY KEY, task_id text NOT NULL, type text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
`);

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") return send(res, 200, { ok: true, clients: io.engine.clientsCount });
  if (req.method !== "POST" || req.url !== "/webhooks/github") return send(res, 404, { error: "not found" });
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => void receive(req, res, body).catch((error) => send(res, 500, { error: String(error) })));
});
const io = new Server(server, { cors: { origin: "*" }, serveClient: false });
io.on("connection", (socket) => {
  socket.on("join", (room) => typeof room === "string" && socket.join(room));
  socket.on("leave", (room) => typeof room === "string" && socket.leave(room));
});
server.listen(port, "127.0.0.1", () => process.send?.({ type: "listening", port }));

async function receive(req, res, body) {
  if (!(await verify(secret, body, String(req.headers["x-hub-signature-256"] ?? "")))) return send(res, 401, { error: "bad signature" });
  const payload = JSON.parse(body);
  const pr = payload.pull_request;
  const taskId = /conduit-task: ([0-9a-f-]{36})/.exec(pr?.body ?? "")?.[1];
  if (!pr || !taskId) return send(res, 202, { ignored: true });
  const status = payload.action === "closed" ? (pr.merged ? "merged" : "failed") : "pr_open";
  const row = await db.transaction(async (tx) => {
    await tx.query("INSERT INTO gw_deliveries (id, event) VALUES ($1, $2) ON CONFLICT DO NOTHING", [req.headers["x-github-delivery"], "pull_request"]);
    const { rows } = await tx.query(
      `INSERT INTO gw_tasks (id, status, pr_number) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET status = $2, pr_number = $3, version = gw_tasks.version + 1, updated_at = now()
       RETURNING id, status, pr_number, version, updated_at`,
      [taskId, status, pr.number],
    );
    await tx.query("INSERT INTO gw_events (task_id, type, payload) VALUES ($1, $2, $3)", [taskId, `pr_${payload.action}`, JSON.stringify({ prNumber: pr.number })]);
    return rows[0];
  });
  const update = { taskId, status: row.status, prNumber: row.pr_number, version: row.version, updatedAt: row.updated_at };
  io.to(`task:${taskId}`).emit("task:status_changed", update);
  io.to("dashboard").emit("dashboard:task_list_updated", update);
  send(res, 200, { ok: true });
}

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** PostgreSQL through pg, or the embedded PGlite, behind one small interface. */
async function openDatabase() {
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    return {
      exec: (sql) => pool.query(sql),
      async transaction(work) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const result = await work(client);
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const dir = process.env.PGLITE_DATA_DIR ?? "memory://";
  if (!dir.startsWith("memory://")) await mkdir(path.dirname(dir), { recursive: true }); // PGlite makes only the last folder
  const pglite = new PGlite(dir);
  return { exec: (sql) => pglite.exec(sql), transaction: (work) => pglite.transaction(work) };
}
