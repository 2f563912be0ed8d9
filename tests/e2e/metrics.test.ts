// GET /api/metrics on the production server: off without METRICS_TOKEN,
// refused without the token, and in Prometheus' text format with it, counting
// what happened (a stream open, webhook deliveries by outcome).
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { deliverWebhook, pullRequest, WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { connectStream } from "../helpers/sse-client";

const TOKEN = "metrics-token-for-the-e2e-suite";

describe("metrics", () => {
  let server: AppServer;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const db = await makeAppDatabase();
    cleanup = db.cleanup;
    server = await startAppServer({ ...db.env, SEED_DEMO_DATA: "true", PIPELINE_ENABLED: "false", GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET, METRICS_TOKEN: TOKEN });
  });

  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });

  const scrape = (token?: string) => fetch(`${server.url}/api/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

  it("refuses a scrape without the token, or with another, in the API's error shape", async () => {
    for (const token of [undefined, "not-the-metrics-token-at-all", server.key]) {
      const res = await scrape(token);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("counts open streams and webhook deliveries by outcome", async () => {
    const before = await (await scrape(TOKEN)).text();
    const stream = connectStream(server, ["dashboard"]);
    try {
      await stream.waitFor((m) => m.event === "dashboard:state", "dashboard:state");
      const opened = pullRequest("opened", "conduit-demo/webapp", { number: 411 });
      expect(await deliverWebhook(server.url, "pull_request", opened)).toBe(200);
      const untracked = pullRequest("opened", "someone/else", { number: 1 });
      expect(await deliverWebhook(server.url, "pull_request", untracked)).toBe(202);
      const unsigned = await fetch(`${server.url}/api/webhooks/github`, { method: "POST", headers: { "x-github-event": "made_up_event" }, body: "{}" });
      expect(unsigned.status).toBe(401);

      const res = await scrape(TOKEN);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(value(text, "conduit_stream_connections")).toBe(1);
      const count = (s: string) => value(text, s) - (value(before, s) || 0);
      expect(count('conduit_webhook_deliveries_total{event="pull_request",outcome="processed"}')).toBe(1);
      expect(count('conduit_webhook_deliveries_total{event="pull_request",outcome="ignored"}')).toBe(1);
      expect(count('conduit_webhook_deliveries_total{event="other",outcome="rejected"}')).toBe(1);
      expect(value(text, 'conduit_webhook_duration_seconds_count{outcome="processed"}')).toBeGreaterThanOrEqual(1);
      expect(text).toContain("process_cpu_seconds_total");
      expect(text).not.toContain(WEBHOOK_SECRET);
    } finally {
      stream.close();
    }
  });

  // Node's figures include event-loop lag, measured by a timer: at prom-client's
  // 10 ms default it woke the idle server 100 times a second, most of the CPU
  // the server spent with nothing happening. Counted on Linux from the main
  // thread's voluntary context switches (each wait for the event loop is one).
  it.runIf(process.platform === "linux")("lets an idle server's event loop sleep while it measures the loop's lag", async () => {
    const switches = () => Number(/^voluntary_ctxt_switches:\s+(\d+)$/m.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))![1]);
    expect(await (await scrape(TOKEN)).text()).toContain("nodejs_eventloop_lag_p99_seconds");
    const before = switches();
    await sleep(2_000);
    const perSecond = (switches() - before) / 2;
    expect(perSecond).toBeLessThan(40);
  });

  it("is off (404) on a server without METRICS_TOKEN", async () => {
    const db = await makeAppDatabase();
    const plain = await startAppServer({ ...db.env, SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false" });
    try {
      const res = await fetch(`${plain.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
      expect((await res.json()).error.message).toContain("METRICS_TOKEN");
    } finally {
      await plain.stop();
      await db.cleanup();
    }
  });
});
