// The two servers under test, behind one shape: ours (the production build,
// lib/cli/serve.mjs) and the Socket.IO 4 gateway shaped like the design we replace
// (socketio/gateway.mjs). Each runs on its own fresh database of the same kind.
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { freePort, startAppServer } from "../helpers/app-server";
import { WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { clientGroup, sleep } from "./bench-kit";
import type { BenchTask } from "./webhooks";

export type DbKind = "pglite" | "postgres";
export type ServerName = "conduit" | "socket.io";

export type BenchServer = {
  name: ServerName;
  pid: number;
  /** The server runs with --inspect on this port (bench-kit collectGarbage). */
  inspectPort: number;
  webhookUrl: string;
  /** Ours: the database it runs on (a PostgreSQL URL, or none for PGlite), for tools that read it directly. */
  databaseUrl?: string;
  /** Tasks ready to receive pull request deliveries. */
  tasks: BenchTask[];
  /** `count` subscribers in separate client processes: of the dashboard, or (`idle`) of a task that never changes. */
  subscribe: (count: number, idle?: boolean) => ReturnType<typeof clientGroup>;
  /** What the server printed (ours; the gateway prints to the bench's own output). */
  output: () => string;
  stop: () => Promise<void>;
};

// A task id no delivery names: its subscribers hold a connection that receives nothing.
const IDLE_TASK = "00000000-0000-4000-8000-000000000000";

/** What each tool that measures one server takes (`--server`, `--db`), for parseArgs. */
export const SERVER_OPTIONS = {
  server: { type: "string", default: "conduit" },
  db: { type: "string", default: "postgres" },
} as const;

export const postgresUrl = () => process.env.TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres";

export async function startServer(name: ServerName, db: DbKind, taskCount: number, nodeArgs: string[] = []): Promise<BenchServer> {
  return name === "conduit" ? startConduit(db, taskCount, nodeArgs) : startSocketIo(db, taskCount, nodeArgs);
}

async function startConduit(kind: DbKind, taskCount: number, nodeArgs: string[]): Promise<BenchServer> {
  const db = await makeAppDatabase(kind === "postgres" ? postgresUrl() : undefined);
  const inspectPort = await freePort();
  const server = await startAppServer(
    {
      ...db.env,
      SEED_DEMO_DATA: "false",
      GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STREAM_LIFETIME_MS: "3600000",
      // Every subscriber uses the admin's key: lift the per-person stream limit for the run.
      STREAMS_PER_USER: "1000000",
    },
    { nodeArgs: [...nodeArgs, `--inspect=127.0.0.1:${inspectPort}`] },
  );
  const api = apiClient(server);
  // Clear tasks, which the pipeline dispatches (no GitHub here): the pull requests then link to them.
  const created: string[] = [];
  for (let i = 0; i < taskCount; i++) {
    const task = await api.createTask(`Benchmark task ${i}: fix the retry loop in src/queue/worker.ts`, {
      type: "bug-fix",
      files: ["src/queue/worker.ts"],
      acceptanceCriteria: "The worker retries three times",
    });
    created.push(task.id);
  }
  const dispatched = new Map<string, number>();
  while (dispatched.size < taskCount) {
    const { json } = await api.call("GET", "/api/tasks?status=dispatched&limit=100");
    for (const t of json.tasks as { id: string; version: number }[]) dispatched.set(t.id, t.version);
    if (dispatched.size < taskCount) await sleep(200);
  }
  return {
    name: "conduit",
    pid: server.pid,
    inspectPort,
    webhookUrl: `${server.url}/api/webhooks/github`,
    databaseUrl: db.env.DATABASE_URL,
    tasks: created.map((id, i) => ({ id, prNumber: 1000 + i, firstVersion: dispatched.get(id)! + 1 })),
    subscribe: (count, idle) =>
      clientGroup("tests/bench/sse-clients.mjs", [`${server.url}/api/stream?topic=${idle ? `task:${IDLE_TASK}` : "dashboard"}`, server.key], count),
    output: server.output,
    stop: async () => {
      await server.stop();
      await db.cleanup();
    },
  };
}

async function startSocketIo(kind: DbKind, taskCount: number, nodeArgs: string[]): Promise<BenchServer> {
  const db = await makeAppDatabase(kind === "postgres" ? postgresUrl() : undefined);
  const port = await freePort();
  const inspectPort = await freePort();
  const gateway = fork("tests/bench/socketio/gateway.mjs", [], {
    env: { ...process.env, ...db.env, PORT: String(port), WEBHOOK_SECRET },
    execArgv: [...nodeArgs, `--inspect=127.0.0.1:${inspectPort}`],
  });
  await new Promise((resolve) => gateway.on("message", (m: { type: string }) => m.type === "listening" && resolve(undefined)));
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "socket.io",
    pid: gateway.pid!,
    inspectPort,
    webhookUrl: `${url}/webhooks/github`,
    // The gateway makes a task row on its first delivery, version 1.
    tasks: Array.from({ length: taskCount }, (_, i) => ({ id: randomUUID(), prNumber: 1000 + i, firstVersion: 1 })),
    subscribe: (count, idle) => clientGroup("tests/bench/socketio/clients.mjs", [url, idle ? `task:${IDLE_TASK}` : "dashboard"], count),
    output: () => "",
    stop: async () => {
      await new Promise((resolve) => {
        gateway.once("exit", resolve);
        gateway.kill();
      });
      await db.cleanup();
    },
  };
}
