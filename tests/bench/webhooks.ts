// The load both servers receive: signed GitHub pull_request deliveries for a
// set of tasks (opened first, then synchronize), built ahead of sending so the
// driver's own work stays out of the timed part.
import { randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import { pullRequest, WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { now, sleep } from "./bench-kit";

export const BENCH_REPO = "conduit-demo/sandbox";

/** A task the deliveries point at, and the version its first delivery will produce. */
export type BenchTask = { id: string; prNumber: number; firstVersion: number };

export type Delivery = { body: string; headers: Record<string, string>; key: string };

/** `count` deliveries, round robin over `tasks`; `key` is `${taskId}:${version}` as clients record receipts. */
export async function buildDeliveries(tasks: BenchTask[], count: number, firstIndex = 0): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (let i = firstIndex; i < firstIndex + count; i++) {
    const task = tasks[i % tasks.length]!;
    const n = Math.floor(i / tasks.length); // this task's delivery number
    const payload = pullRequest(n === 0 ? "opened" : "synchronize", BENCH_REPO, {
      number: task.prNumber,
      body: `Benchmark change.\n<!-- conduit-task: ${task.id} -->`,
      updatedAt: new Date(Date.UTC(2030, 0, 1) + i * 1000).toISOString(),
    });
    const body = JSON.stringify(payload);
    const headers = {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": await sign(WEBHOOK_SECRET, body),
    };
    deliveries.push({ body, headers, key: `${task.id}:${task.firstVersion + n}` });
  }
  return deliveries;
}

/**
 * Deliveries a server handles before it is measured, with no subscriber, so
 * both servers run warm (JIT-compiled) code: indexes 0 … count − 1; the
 * measured ones follow from `count`.
 */
export async function warmUp(url: string, tasks: BenchTask[], count: number): Promise<void> {
  const sent = await sendAtRate(url, await buildDeliveries(tasks, count), 100, 4);
  if (sent.some((s) => !s.ok)) throw new Error("a warm-up delivery failed");
}

export type Sent = { key: string; startedAt: number; responseMs: number; ok: boolean };

/**
 * Sends the deliveries at a steady rate without waiting for earlier answers
 * (an open loop, as GitHub sends), at most `inFlight` at a time.
 */
export async function sendAtRate(url: string, deliveries: Delivery[], ratePerSecond: number, inFlight = 256): Promise<Sent[]> {
  const sent: Sent[] = [];
  const pending = new Set<Promise<void>>();
  const interval = 1000 / ratePerSecond;
  const startedAt = now();
  for (const [i, d] of deliveries.entries()) {
    const due = startedAt + i * interval;
    if (due > now()) await sleep(due - now());
    while (pending.size >= inFlight) await Promise.race(pending);
    const t0 = now();
    const request = fetch(url, { method: "POST", headers: d.headers, body: d.body })
      .then(async (response) => {
        await response.arrayBuffer();
        sent.push({ key: d.key, startedAt: t0, responseMs: now() - t0, ok: response.ok });
      })
      .catch(() => void sent.push({ key: d.key, startedAt: t0, responseMs: now() - t0, ok: false }))
      .finally(() => pending.delete(request));
    pending.add(request);
  }
  await Promise.all(pending);
  return sent;
}
