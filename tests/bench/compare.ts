// npm run bench:compare -- [--clients 100,1000] [--deliveries 200] [--rate 20] [--db pglite|postgres] [--skip-build]
//
// Our stream against a Socket.IO 4 gateway shaped like the design we replace
// (tests/bench/socketio/gateway.mjs), in the same run, on the same machine,
// with the same kind of clients (separate processes) and the same load: signed
// GitHub pull_request webhooks (opened, then synchronize) for a set of
// dispatched tasks at a steady rate. Delay = start of the webhook request →
// receipt of the dashboard update at each client.
// Work in progress for issue 9: memory, CPU, replay and ingest figures to come.
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import { parseArgs } from "node:util";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { freePort, startAppServer } from "../helpers/app-server";
import { pullRequest, WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { buildApp, clientProcess, now, percentile, round, type Report } from "./bench-kit";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "100" },
    deliveries: { type: "string", default: "200" },
    rate: { type: "string", default: "20" },
    db: { type: "string", default: "pglite" },
    "skip-build": { type: "boolean", default: false },
  },
});
const clientCounts = values.clients.split(",").map(Number);
const deliveryCount = Number(values.deliveries);
const ratePerSecond = Number(values.rate);
const postgresUrl = values.db === "postgres" ? (process.env.TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres") : undefined;
const TASKS = 10;
const REPO = "conduit-demo/sandbox";

type Target = { webhookUrl: string; firstVersion: (taskId: string) => number };

/** Sends the webhooks at the steady rate; returns when each (task, version) was sent, and each response's time. */
async function drive(target: Target, taskIds: string[]): Promise<{ sentAt: Map<string, number>; responseMs: number[] }> {
  const sentAt = new Map<string, number>();
  const responseMs: number[] = [];
  const deliveries = new Map<string, number>(); // per task, so far
  const interval = 1000 / ratePerSecond;
  const startedAt = now();
  for (let i = 0; i < deliveryCount; i++) {
    const due = startedAt + i * interval;
    if (due > now()) await new Promise((r) => setTimeout(r, due - now()));
    const taskId = taskIds[i % taskIds.length]!;
    const n = deliveries.get(taskId) ?? 0;
    deliveries.set(taskId, n + 1);
    const payload = pullRequest(n === 0 ? "opened" : "synchronize", REPO, {
      number: 1000 + (i % taskIds.length),
      body: `Benchmark change.\n<!-- conduit-task: ${taskId} -->`,
      updatedAt: new Date(Date.UTC(2030, 0, 1) + i * 1000).toISOString(),
    });
    const body = JSON.stringify(payload);
    const t0 = now();
    const response = await fetch(target.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": randomUUID(), "x-hub-signature-256": await sign(WEBHOOK_SECRET, body) },
      body,
    });
    await response.arrayBuffer();
    responseMs.push(now() - t0);
    sentAt.set(`${taskId}:${target.firstVersion(taskId) + n}`, t0);
  }
  return { sentAt, responseMs };
}

function summarize(clients: number, { sentAt, responseMs }: Awaited<ReturnType<typeof drive>>, report: Report, connectMs: number[], rssIdle: number, rssConnected: number) {
  const delays: number[] = [];
  let first = Infinity;
  let last = 0;
  for (const [key, list] of Object.entries(report.receipts)) {
    const t0 = sentAt.get(key);
    if (t0 === undefined) continue;
    first = Math.min(first, t0);
    for (const at of list) {
      delays.push(at - t0);
      last = Math.max(last, at);
    }
  }
  delays.sort((a, b) => a - b);
  const connect = [...connectMs].sort((a, b) => a - b);
  const responses = [...responseMs].sort((a, b) => a - b);
  return {
    clients,
    delivered: `${delays.length}/${clients * deliveryCount}`,
    deliveriesPerSecond: Math.round(delays.length / ((last - first) / 1000)),
    p50: round(percentile(delays, 50)),
    p95: round(percentile(delays, 95)),
    p99: round(percentile(delays, 99)),
    connectP99: round(percentile(connect, 99)),
    webhookResponseP50: round(percentile(responses, 50)),
    webhookResponseP99: round(percentile(responses, 99)),
    rssPerClientKB: Math.round((rssConnected - rssIdle) / 1024 / clients),
    clientErrors: report.errors,
  };
}

async function measureOurs(clients: number) {
  const db = await makeAppDatabase(postgresUrl);
  const server = await startAppServer({
    ...db.env,
    SEED_DEMO_DATA: "false",
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STREAM_LIFETIME_MS: "3600000",
    STREAMS_PER_USER: "1000000",
  });
  const api = apiClient(server);
  try {
    // Clear tasks, dispatched by the pipeline (no GitHub): the pull requests then link to them.
    const ids: string[] = [];
    for (let i = 0; i < TASKS; i++) {
      ids.push((await api.createTask(`Benchmark task ${i}: fix the retry loop in src/queue/worker.ts`, { type: "bug-fix", files: ["src/queue/worker.ts"], acceptanceCriteria: "The worker retries three times" })).id);
    }
    const versions = new Map<string, number>();
    while (versions.size < TASKS) {
      const { json } = await api.call("GET", "/api/tasks?status=dispatched&limit=100");
      for (const t of json.tasks as { id: string; version: number }[]) versions.set(t.id, t.version + 1);
      if (versions.size < TASKS) await new Promise((r) => setTimeout(r, 200));
    }
    const rssIdle = (await api.health()).memory.rssBytes;
    const { next, collect, exit } = clientProcess(fork("tests/bench/sse-clients.mjs", [`${server.url}/api/stream?topic=dashboard`, String(clients), server.key]));
    try {
      const { connectMs } = await next<{ connectMs: number[] }>("connected");
      const rssConnected = (await api.health()).memory.rssBytes;
      const sent = await drive({ webhookUrl: `${server.url}/api/webhooks/github`, firstVersion: (id) => versions.get(id)! }, ids);
      return summarize(clients, sent, await collect(clients * deliveryCount), connectMs, rssIdle, rssConnected);
    } finally {
      exit();
    }
  } finally {
    await server.stop();
    await db.cleanup();
  }
}

async function measureSocketIo(clients: number) {
  const db = await makeAppDatabase(postgresUrl);
  const port = await freePort();
  const gateway = fork("tests/bench/socketio/gateway.mjs", [], { env: { ...process.env, ...db.env, PORT: String(port), WEBHOOK_SECRET } });
  await new Promise((resolve) => gateway.on("message", (m: { type: string }) => m.type === "listening" && resolve(undefined)));
  const url = `http://127.0.0.1:${port}`;
  const rss = async () => ((await (await fetch(`${url}/health`)).json()) as { rssBytes: number }).rssBytes;
  try {
    const ids = Array.from({ length: TASKS }, () => randomUUID());
    const rssIdle = await rss();
    const { next, collect, exit } = clientProcess(fork("tests/bench/socketio/clients.mjs", [url, String(clients)]));
    try {
      const { connectMs } = await next<{ connectMs: number[] }>("connected");
      const rssConnected = await rss();
      const sent = await drive({ webhookUrl: `${url}/webhooks/github`, firstVersion: () => 1 }, ids);
      return summarize(clients, sent, await collect(clients * deliveryCount), connectMs, rssIdle, rssConnected);
    } finally {
      exit();
    }
  } finally {
    gateway.kill();
    await db.cleanup();
  }
}

buildApp(values["skip-build"]);
for (const clients of clientCounts) {
  const ours = await measureOurs(clients);
  const theirs = await measureSocketIo(clients);
  console.log(JSON.stringify({ ours, socketIo: theirs }));
}
