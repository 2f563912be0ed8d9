// Graceful shutdown of the production server (lib/startup/shutdown.ts): on
// SIGTERM every open stream gets a retry hint and ends, a webhook delivery
// still arriving and a pipeline step still waiting for the LLM both finish,
// the process exits 0, and a client resuming by id on the restarted server
// receives every event it missed.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, bearer } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { pullRequest, signedHeaders, WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { CLEAR_ANALYSIS, startOpenAiStandIn } from "../helpers/openai-standin";
import { connectStream, eventually } from "../helpers/sse-client";

/** Reads a stream's raw bytes until the server ends it. */
async function readUntilEnd(url: string, key: string) {
  const response = await fetch(url, { headers: bearer(key) });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let text = "";
  const chunks = { text: () => text, ended: (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  })() };
  return chunks;
}

/**
 * Starts a signed delivery and sends only the first half of its body, once the
 * server has taken the request in (its 100 Continue comes as it hands the
 * request to the app); `finish` sends the rest and resolves to the answer.
 */
async function halfSentDelivery(baseUrl: string, payload: object) {
  const body = JSON.stringify(payload);
  const headers = await signedHeaders(body, "pull_request");
  const request = http.request(`${baseUrl}/api/webhooks/github`, {
    method: "POST",
    headers: { ...headers, "content-length": Buffer.byteLength(body), expect: "100-continue" },
  });
  const taken = new Promise<void>((resolve) => request.once("continue", () => resolve()));
  const answer = new Promise<{ status: number; json: { ok?: boolean; taskId?: string } }>((resolve, reject) => {
    request.on("response", (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    request.on("error", reject);
  });
  request.flushHeaders();
  await taken;
  const half = Math.floor(body.length / 2);
  await new Promise<void>((resolve) => request.write(body.slice(0, half), () => resolve()));
  return { finish: () => (request.end(body.slice(half)), answer) };
}

describe("graceful shutdown", () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let server: AppServer | undefined;
  let openAi: Awaited<ReturnType<typeof startOpenAiStandIn>>;

  beforeAll(async () => {
    ({ env, cleanup } = await makeAppDatabase());
    openAi = await startOpenAiStandIn();
    openAi.reply({ content: JSON.stringify(CLEAR_ANALYSIS) });
    Object.assign(env, {
      SEED_DEMO_DATA: "false",
      GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: openAi.baseURL,
      SHUTDOWN_TIMEOUT_MS: "30000",
    });
  });

  afterAll(async () => {
    await server?.stop();
    await openAi?.close();
    await cleanup?.();
  });

  it("closes streams with a retry hint, finishes the delivery and the pipeline step in flight, exits 0, and loses no event", async () => {
    server = await startAppServer(env);
    const api = apiClient(server);
    const status = async (id: string) => (await api.call("GET", `/api/tasks/${id}`)).json;

    // Task A is dispatched: a pull request can open for it.
    const a = await api.createTask("Add CSV export to the invoices table in src/invoices/table.tsx; it must use the screen's filters.");
    const dispatched = await eventually(async () => ((await status(a.id)).status === "dispatched" ? status(a.id) : undefined), "task A dispatched", 20_000);

    // Task B's analysis is under way: the LLM has the request and does not answer yet.
    const release = openAi.hold();
    const asked = openAi.requests.length;
    const b = await api.createTask("Add a PDF export beside the CSV one in src/invoices/table.tsx, with the same filters.");
    await eventually(async () => (openAi.requests.length > asked ? true : undefined), "task B's analysis to reach the LLM");

    // A stream of both tasks, from the newest event so far: everything after it comes with its id.
    const cursor: string = (await api.call("GET", "/api/tasks?limit=1")).json.lastEventId;
    const stream = await readUntilEnd(`${server.url}/api/stream?topic=task:${a.id}&topic=task:${b.id}&lastEventId=${cursor}`, server.key);
    await eventually(async () => (stream.text().includes("event: ready") ? true : undefined), "the stream to be open");
    const delivery = await halfSentDelivery(
      server.url,
      pullRequest("opened", dispatched.repo, { number: 77, body: `Closes the task.\n<!-- conduit-task: ${a.id} -->` }),
    );

    process.kill(server.pid, "SIGTERM");

    // The stream ends at once, with a retry hint as its last message.
    const text = await stream.ended;
    expect(text.trimEnd()).toMatch(/retry: \d+$/);
    expect(text.match(/^retry: /gm)).toHaveLength(2); // the first bytes, and the hint at the end
    const lastSeen = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]!).at(-1) ?? cursor;

    // Still running: it waits for the delivery and the analysis.
    const exitedEarly = await Promise.race([server.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 300))]);
    expect(exitedEarly).toBe(false);
    const answer = await delivery.finish();
    expect(answer).toMatchObject({ status: 200, json: { ok: true, taskId: a.id } });
    release();
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("shutdown complete");

    // Restarted on the same database: B's analysis finished before the exit (no second LLM call),
    // and a client resuming from the last id it saw gets every event committed since.
    const calls = openAi.requests.length;
    server = await startAppServer(env);
    const again = apiClient(server);
    const [taskA, taskB] = [(await again.call("GET", `/api/tasks/${a.id}`)).json, (await again.call("GET", `/api/tasks/${b.id}`)).json];
    expect(taskA.status).toBe("pr_open");
    expect(taskB.status).toBe("dispatched");
    expect(openAi.requests.length).toBe(calls);

    const missed = [...taskA.events, ...taskB.events]
      .map((e: { id: string }) => e.id)
      .filter((id: string) => BigInt(id) > BigInt(lastSeen))
      .sort((x: string, y: string) => (BigInt(x) < BigInt(y) ? -1 : 1));
    expect(missed.length).toBeGreaterThanOrEqual(3); // the PR opened, B analysed and dispatched
    const resumed = connectStream(server, [`task:${a.id}`, `task:${b.id}`], { lastEventId: lastSeen });
    try {
      await resumed.waitFor((m) => m.lastEventId === missed.at(-1), "the newest missed event");
      const replayed = [...new Set(resumed.messages.map((m) => m.lastEventId).filter((id) => id !== lastSeen))];
      expect(replayed).toEqual(missed);
    } finally {
      resumed.close();
    }
  }, 120_000);

  it("waits for a webhook delivery still arriving when nothing else is under way, then exits 0", async () => {
    await server?.stop();
    server = await startAppServer(env);
    const task = (await apiClient(server).call("GET", "/api/tasks?status=pr_open")).json.tasks[0];
    const delivery = await halfSentDelivery(
      server.url,
      pullRequest("closed", task.repo, { number: task.githubPrNumber, body: `<!-- conduit-task: ${task.id} -->` }),
    );
    process.kill(server.pid, "SIGTERM");
    const exitedEarly = await Promise.race([server.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 500))]);
    expect(exitedEarly).toBe(false);
    expect(await delivery.finish()).toMatchObject({ status: 200, json: { ok: true, taskId: task.id } });
    expect(await server.exited).toBe(0);

    server = await startAppServer(env);
    expect((await apiClient(server).call("GET", `/api/tasks/${task.id}`)).json.status).toBe("failed");
  }, 60_000);
});
