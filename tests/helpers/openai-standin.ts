// A local HTTP stand-in for the OpenAI chat completions API, reached through
// the real openai SDK: it answers with a scripted reply or status and keeps
// every request it received. hold() keeps answers back until released, so a
// test can act while an analysis is under way.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Scripted = { status?: number; content?: string };

/** An analysis that finds a task clear enough to dispatch, as the model returns it. */
export const CLEAR_ANALYSIS = {
  clear_enough: true,
  questions: [],
  task_type: "feature",
  recommended_agent: "codex",
  summary: "Add CSV export to the invoices table",
  suggested_acceptance_criteria: ["Export uses the screen's filters"],
  likely_files: ["src/invoices/table.tsx"],
};

export async function startOpenAiStandIn() {
  const requests: { messages: { role: string; content: string }[]; model: string }[] = [];
  let next: Scripted = { content: "{}" };
  let gate: Promise<void> = Promise.resolve();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      requests.push(JSON.parse(body));
      await gate;
      const status = next.status ?? 200;
      res.writeHead(status, { "content-type": "application/json" });
      if (status !== 200) return res.end(JSON.stringify({ error: { message: "The server had an error", type: "server_error" } }));
      res.end(
        JSON.stringify({
          id: "chatcmpl-test",
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: "gpt-4o",
          choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: next.content ?? "" } }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    reply: (scripted: Scripted) => (next = scripted),
    /** Answers wait from now on until the returned function is called. */
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => release();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
