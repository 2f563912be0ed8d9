// npx tsx --conditions=react-server tests/bench/webhook-cost.ts
//
// What the webhook path's database work costs in server CPU, operation by
// operation, in this process (serial, PostgreSQL at TEST_DATABASE_URL or
// 127.0.0.1): each step of a pull-request update (plain SQL through the
// driver since Prisma's client cost more than the statements), beside a bare
// SELECT through pg and through Prisma, and a Prisma model update for scale.
// The figures tests/bench/PERFORMANCE.md quotes for the webhook path come from here.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { pullRequest } from "@/lib/demo/github-payloads";
import { WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { startServer } from "./servers";

const server = await startServer("conduit", "postgres", 1); // a migrated database with a dispatched task
Object.assign(process.env, { DATABASE_URL: server.databaseUrl, GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET });
const { getPrisma } = await import("@/lib/db/prisma");
const { findTaskById, findTaskByPullRequest } = await import("@/lib/tasks/find-task");
const { changeTaskIfUnchanged } = await import("@/lib/tasks/change-task");
const { recordDelivery, settleDelivery } = await import("@/lib/github/delivery-store");

async function measure(label: string, n: number, op: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await op(i); // warm
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await op(i + 50);
  const used = process.cpuUsage(before);
  console.log(`${label.padEnd(40)} ${((used.user + used.system) / n).toFixed(0).padStart(6)} µs CPU per operation`);
}

try {
  const task = server.tasks[0]!;
  const body = JSON.stringify(pullRequest("synchronize", "conduit-demo/sandbox", { number: task.prNumber }));
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const prisma = getPrisma();
  await measure("pg alone: SELECT 1", 1_000, () => pool.query("SELECT 1"));
  await measure("Prisma: $queryRaw SELECT 1", 1_000, () => prisma.$queryRaw`SELECT 1`);
  await measure("findTaskById", 500, () => findTaskById(task.id));
  await measure("findTaskByPullRequest", 500, () => findTaskByPullRequest("conduit-demo/sandbox", task.prNumber));
  const ids: string[] = [];
  await measure("recordDelivery", 500, () => {
    const id = randomUUID();
    ids.push(id);
    return recordDelivery({ id, event: "pull_request", action: "synchronize", repository: "conduit-demo/sandbox", payload: body });
  });
  await measure("settleDelivery", 500, (i) => settleDelivery(ids[i]!, { outcome: "processed", taskId: task.id }));
  await measure("Prisma: webhookDelivery.update (model)", 500, (i) => prisma.webhookDelivery.update({ where: { id: ids[i]! }, data: { reason: null } }));
  let seen = (await findTaskById(task.id))!;
  await measure("changeTaskIfUnchanged (change + event)", 300, async (i) => {
    await changeTaskIfUnchanged(seen, { fields: { githubPrUpdatedAt: new Date(Date.UTC(2031, 0, 1) + i * 1000) }, event: { type: "pr_updated" } });
    seen = { ...seen, version: seen.version + 1 };
  });
  await pool.end();
} finally {
  await server.stop();
  process.exit(0);
}
