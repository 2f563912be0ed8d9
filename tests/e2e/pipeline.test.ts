// The pipeline in the running server: a created task moves through its states
// on the stream without anyone asking, and a restart picks up unfinished work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { connectStream, eventually } from "../helpers/sse-client";

describe("the pipeline in the production server", () => {
  let server: AppServer;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ env, cleanup } = await makeAppDatabase());
  });

  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });

  it("picks up a task left in received when the server starts again", async () => {
    server = await startAppServer({ ...env, SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false" });
    const api = apiClient(server);
    const task = await api.createTask("Users who sign in from /pricing land in a redirect loop. The redirect should honour the next parameter.");
    expect((await api.call("GET", `/api/tasks/${task.id}`)).json.status).toBe("received");
    await server.stop();

    server = await startAppServer({ ...env, SEED_DEMO_DATA: "false" });
    const again = apiClient(server);
    const status = await eventually(async () => {
      const s = (await again.call("GET", `/api/tasks/${task.id}`)).json.status;
      return s === "dispatched" ? s : undefined;
    }, "the task to be dispatched after the restart", 30_000);
    expect(status).toBe("dispatched");
  }, 90_000);

  it("streams a new task through analysis to dispatch, and a vague one through one clarification round", async () => {
    const api = apiClient(server);
    const dashboard = connectStream(server, ["dashboard"]);
    try {
      await dashboard.waitFor((m) => m.event === "dashboard:state", "dashboard:state");
      const clear = await api.createTask("Add CSV export to the invoices table in src/invoices/table.tsx; it must use the screen's filters.");
      const statusesOf = (id: string) => dashboard.of("dashboard:task_list_updated").filter((m) => m.data.taskId === id).map((m) => m.data.status);
      await dashboard.waitFor((m) => m.data.taskId === clear.id && m.data.status === "dispatched", "clear task dispatched");
      expect(statusesOf(clear.id)).toEqual(["received", "analyzing", "analyzing", "dispatched"]);

      const vague = await api.createTask("Make the dashboard better");
      await dashboard.waitFor((m) => m.data?.taskId === vague.id && m.data.status === "needs_clarification", "questions");
      const { json } = await api.call("GET", `/api/tasks/${vague.id}`);
      const answers = json.clarificationQuestions.map(() => "The task list should load in under one second");
      expect((await api.call("POST", `/api/tasks/${vague.id}/clarify`, { answers })).status).toBe(200);
      await dashboard.waitFor((m) => m.data?.taskId === vague.id && m.data.status === "dispatched", "vague task dispatched after answers");
    } finally {
      dashboard.close();
    }
  });
});
