// End to end: a signed GitHub delivery to the running server reaches a browser
// stream as task:status_changed and task:pr_updated; refused deliveries get the
// API's error shape from the production server, which answers this route
// without Next (lib/http/node-routes.ts).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { deliverWebhook, pullRequest, signedHeaders, WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { connectStream } from "../helpers/sse-client";

describe("GitHub webhook to the live stream", () => {
  let server: AppServer;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const db = await makeAppDatabase();
    cleanup = db.cleanup;
    // The demo data has a task with an open PR (#411 in conduit-demo/webapp).
    server = await startAppServer({ ...db.env, SEED_DEMO_DATA: "true", PIPELINE_ENABLED: "false", GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET });
  });

  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });

  it("delivers a merged pull request to an open stream", async () => {
    const api = apiClient(server);
    const [task] = (await api.call("GET", "/api/tasks?status=pr_open")).json.tasks;
    expect(task.githubPrNumber).toBe(411);
    const stream = connectStream(server, [`task:${task.id}`, "dashboard"]);
    try {
      await stream.waitFor((m) => m.event === "task:state", "task:state");

      const merged = pullRequest("merged", "conduit-demo/webapp", { number: 411, body: "Adds table-driven tests" });
      expect(await deliverWebhook(server.url, "pull_request", merged)).toBe(200);

      const changed = await stream.waitFor((m) => m.event === "task:status_changed" && m.data.taskId === task.id, "task:status_changed");
      expect(changed.data).toMatchObject({ status: "merged", previousStatus: "pr_open", prNumber: 411 });
      const pr = await stream.waitFor((m) => m.event === "task:pr_updated" && m.data.taskId === task.id, "task:pr_updated");
      expect(pr.data).toMatchObject({ prNumber: 411, prStatus: "merged", mergeCommitSha: "6dcb09b5b57875f334f61aebed695e2e4193db5e" });
      await stream.waitFor((m) => m.event === "dashboard:task_list_updated" && m.data.status === "merged" && m.data.taskId === task.id, "dashboard row");
    } finally {
      stream.close();
    }
  });

  it("refuses bad deliveries with the API's error shape and answers a duplicate as one", async () => {
    const post = async (body: string, headers: Record<string, string>) => {
      const response = await fetch(`${server.url}/api/webhooks/github`, { method: "POST", headers, body });
      return { status: response.status, type: response.headers.get("content-type"), requestId: response.headers.get("x-request-id"), json: await response.json() };
    };
    const payload = JSON.stringify(pullRequest("opened", "conduit-demo/webapp", { number: 9001 }));

    const unsigned = await post(payload, { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": "d-1", "x-request-id": "req-42" });
    expect(unsigned).toMatchObject({ status: 401, requestId: "req-42", json: { error: { code: "unauthorized" } } });
    expect(unsigned.type).toMatch(/^application\/json/);

    const notJson = "{not json";
    expect(await post(notJson, await signedHeaders(notJson, "pull_request"))).toMatchObject({ status: 400, json: { error: { code: "invalid_json" } } });

    const deliveryId = randomUUID();
    const headers = await signedHeaders(payload, "pull_request", deliveryId);
    const first = await post(payload, headers);
    expect(first.status).toBe(202); // no task links to PR #9001
    expect(first.requestId).toMatch(/^[\w.-]+$/); // one of ours when the sender gives none
    expect(await post(payload, headers)).toMatchObject({ status: 200, json: { duplicate: true, delivery: deliveryId } });
  });
});
