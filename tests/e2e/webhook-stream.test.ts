// End to end: a signed GitHub delivery to the running server reaches a browser
// stream as task:status_changed and task:pr_updated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { deliverWebhook, pullRequest, WEBHOOK_SECRET } from "../helpers/github-webhooks";
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
});
