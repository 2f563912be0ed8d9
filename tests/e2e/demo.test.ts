// npm run demo against the production server: it walks every task in flight
// through an agent's work with signed deliveries, the dashboard stream shows
// each step, and a recording replays to any receiver with valid signatures.
import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { verify } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { connectStream, eventually } from "../helpers/sse-client";

function demo(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "lib/cli/demo.ts", ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: stdout + stderr }),
    );
  });
}

describe("npm run demo", () => {
  let server: AppServer;
  let cleanup: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    const db = await makeAppDatabase();
    cleanup = db.cleanup;
    dir = await mkdtemp(path.join(os.tmpdir(), "conduit-demo-"));
    server = await startAppServer({ ...db.env, SEED_DEMO_DATA: "true", GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET });
  });

  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
    await rm(dir, { recursive: true, force: true });
  });

  it("walks every task in flight to merged or closed, step by step on the dashboard, and records what it sent", async () => {
    const api = apiClient(server);
    const created = await api.createTask("Add CSV export to the invoices table in src/invoices/table.tsx; it must use the screen's filters.");
    await eventually(async () => ((await api.call("GET", `/api/tasks/${created.id}`)).json.status === "dispatched" ? true : undefined), "the new task dispatched", 20_000);
    const inFlight: { id: string; status: string }[] = (await api.call("GET", "/api/tasks?status=dispatched,coding,pr_open&limit=100")).json.tasks;
    expect(inFlight.length).toBeGreaterThanOrEqual(2);

    const dashboard = connectStream(server, ["dashboard"]);
    try {
      await dashboard.waitFor((m) => m.event === "dashboard:state", "dashboard:state");
      const recording = path.join(dir, "recording.json");
      const run = await demo(["--app", server.url, "--key", server.key, "--secret", WEBHOOK_SECRET, "--pace", "0", "--record", recording]);
      expect(run.out).toContain("Recorded");
      expect(run.out).not.toMatch(/ignored/);
      expect(run.code).toBe(0);

      for (const task of inFlight) {
        const after = (await api.call("GET", `/api/tasks/${task.id}`)).json;
        expect(["merged", "failed"]).toContain(after.status);
      }
      // The new task moved through every step, each pushed to the dashboard.
      const statuses = () => dashboard.of("dashboard:task_list_updated").filter((m) => m.data.taskId === created.id).map((m) => m.data.status);
      await dashboard.waitFor((m) => m.data?.taskId === created.id && ["merged", "failed"].includes(m.data.status), "the new task finished on the dashboard");
      expect(statuses().slice(0, 2)).toEqual(["coding", "pr_open"]);

      const recorded = JSON.parse(await readFile(recording, "utf8")) as { event: string; payload: { action: string } }[];
      expect(recorded.length).toBeGreaterThanOrEqual(inFlight.length * 2);
      expect(recorded[0]).toMatchObject({ event: "workflow_run", payload: { action: "requested" } });

      // The recording replays to any receiver, signed, in order, each with a delivery id of its own.
      const received: { event: string; action: string; delivery: string; valid: boolean }[] = [];
      const receiver = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", async () => {
          const valid = await verify(WEBHOOK_SECRET, body, String(req.headers["x-hub-signature-256"]));
          received.push({ event: String(req.headers["x-github-event"]), action: JSON.parse(body).action, delivery: String(req.headers["x-github-delivery"]), valid });
          res.writeHead(202, { "content-type": "application/json" }).end("{}");
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
        const replayed = await demo(["--replay", recording, "--url", url, "--secret", WEBHOOK_SECRET, "--pace", "0"]);
        expect(replayed.code).toBe(0);
        expect(received.map((r) => [r.event, r.action])).toEqual(recorded.map((r) => [r.event, r.payload.action]));
        expect(received.every((r) => r.valid)).toBe(true);
        expect(new Set(received.map((r) => r.delivery)).size).toBe(received.length);
      } finally {
        receiver.close();
      }
    } finally {
      dashboard.close();
    }
  }, 120_000);

  it("says what is wrong: no API key, a file that is not a recording, a wrong secret", async () => {
    const noKey = await demo(["--app", server.url], { CONDUIT_API_KEY: undefined });
    expect(noKey).toMatchObject({ code: 2, out: expect.stringContaining("--key") });

    const notRecording = path.join(dir, "not-a-recording.json");
    await writeFile(notRecording, JSON.stringify({ hello: "world" }));
    const bad = await demo(["--replay", notRecording, "--url", `${server.url}/api/webhooks/github`]);
    expect(bad).toMatchObject({ code: 2, out: expect.stringContaining("is not a recording") });

    const wrongSecret = path.join(dir, "one.json");
    await writeFile(wrongSecret, JSON.stringify([{ event: "ping", payload: { zen: "Keep it logically awesome." } }]));
    const refused = await demo(["--replay", wrongSecret, "--url", `${server.url}/api/webhooks/github`, "--secret", "not-the-secret"]);
    expect(refused).toMatchObject({ code: 2, out: expect.stringContaining("refused the signature") });
  }, 60_000);
});
