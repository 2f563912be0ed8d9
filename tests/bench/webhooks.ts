// The load both servers receive: signed GitHub pull_request deliveries for a
// set of tasks (opened first, then synchronize), built ahead of sending so the
// driver's own work stays out of the timed part.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { sign } from "@octokit/webhooks-methods";
import { pullRequest, WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { now, sleep } from "./bench-kit";

export const BENCH_REPO = "conduit-demo/sandbox";

/** A task the deliveries point at, and the version its first delivery will produce. */
export type BenchTask = { id: string; prNumber: number; firstVersion: number };

export type Delivery = { body: Buffer; headers: Record<string, string>; key: string };

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
    const bytes = Buffer.from(body);
    const headers = {
      "content-type": "application/json",
      "content-length": String(bytes.byteLength),
      "x-github-event": "pull_request",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": await sign(WEBHOOK_SECRET, body),
    };
    deliveries.push({ body: bytes, headers, key: `${task.id}:${task.firstVersion + n}` });
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
 * (an open loop, as GitHub sends), at most `inFlight` at a time, over kept-alive
 * connections. Node's own http client rather than fetch: fetch cost this
 * sender about 1.8 ms of CPU per delivery, as much as the server it measures,
 * on a machine whose two cores the sender shares with the servers.
 */
export async function sendAtRate(url: string, deliveries: Delivery[], ratePerSecond: number, inFlight = 256): Promise<Sent[]> {
  const sent: Sent[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  let pending = 0;
  let freed: (() => void) | undefined;
  const send = (d: Delivery) =>
    new Promise<void>((resolve) => {
      const t0 = now();
      let settled = false;
      const done = (ok: boolean) => {
        if (settled) return; // a failed response may be reported by both the request and the response
        settled = true;
        sent.push({ key: d.key, startedAt: t0, responseMs: now() - t0, ok });
        pending--;
        freed?.();
        resolve();
      };
      const request = http.request(url, { method: "POST", headers: d.headers, agent }, (response) => {
        response.on("end", () => done(response.statusCode! >= 200 && response.statusCode! < 300)).on("error", () => done(false)).resume();
      });
      request.on("error", () => done(false)).end(d.body);
    });
  const interval = 1000 / ratePerSecond;
  const startedAt = now();
  const requests: Promise<void>[] = [];
  for (const [i, d] of deliveries.entries()) {
    const due = startedAt + i * interval;
    if (due > now()) await sleep(due - now());
    while (pending >= inFlight) await new Promise<void>((r) => (freed = r));
    pending++;
    requests.push(send(d));
  }
  await Promise.all(requests);
  agent.destroy();
  return sent;
}
