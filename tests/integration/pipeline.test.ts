import { describe, expect, it } from "vitest";
import { POST as clarifyRoute } from "@/app/api/tasks/[id]/clarify/route";
import { POST as retryRoute } from "@/app/api/tasks/[id]/retry/route";
import { getPrisma } from "@/lib/db/prisma";
import type { Analyzer } from "@/lib/pipeline/analysis";
import { BuiltinAnalyzer } from "@/lib/pipeline/builtin-analyzer";
import { LocalDispatcher } from "@/lib/pipeline/dispatcher";
import type { IssueDraft } from "@/lib/pipeline/issue-body";
import { runTask } from "@/lib/pipeline/run-task";
import { claimTask, tasksAwaitingWork } from "@/lib/pipeline/task-claims";
import { callRoute } from "../helpers/call-route";
import { makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

const deps = { analyzer: new BuiltinAnalyzer(), dispatcher: new LocalDispatcher() };
const CLEAR = "Users who sign in from /pricing land in a redirect loop between /login and /billing. The login redirect should honour the next parameter.";
const VAGUE = "Make the dashboard better";

const load = (id: string) => getPrisma().task.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "asc" } } } });

describe("the pipeline with the built-in analyzer and the local dispatcher", () => {
  it("takes a clear task from received to dispatched, keeping the issue it would create", async () => {
    const task = await makeTask("received", { description: CLEAR, repo: "acme/web" });
    await runTask(task.id, deps);
    const row = await load(task.id);
    expect(row.status).toBe("dispatched");
    expect(row.events.map((e) => e.type)).toEqual(["created", "analyzing", "llm_response", "dispatched"]);
    expect(row).toMatchObject({ taskType: "bug_fix", recommendedAgent: "copilot", githubIssueNumber: null, failedStep: null });
    expect(row.dispatchedAt).not.toBeNull();
    const draft = row.dispatchDraft as IssueDraft;
    expect(draft.title).toBe(row.llmSummary);
    expect(draft.labels).toEqual(["copilot-eligible", "bug-fix"]);
    const headings = [...draft.body.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(["Task", "Description", "Acceptance Criteria", "Likely Files", "Agent Instructions", "Scope"]);
    expect(draft.body).toContain(`conduit-task: ${task.id}`);
    expect(draft.body).toContain("do not ask questions, proceed to implementation");
  });

  it("asks once, then dispatches with the questions and answers in the issue", async () => {
    const task = await makeTask("received", { description: VAGUE });
    await runTask(task.id, deps);
    const asked = await load(task.id);
    expect(asked.status).toBe("needs_clarification");
    expect(asked.clarificationQuestions.length).toBeGreaterThan(0);
    expect(asked.clarificationQuestions.length).toBeLessThanOrEqual(3);

    const answers = asked.clarificationQuestions.map((_, i) => `Answer ${i + 1}: load the task list in under one second`);
    const res = await callRoute(clarifyRoute, "POST", `/api/tasks/${task.id}/clarify`, { params: { id: task.id }, body: { answers } });
    expect(res.json.status).toBe("analyzing");
    await runTask(task.id, deps);
    const done = await load(task.id);
    expect(done.status).toBe("dispatched");
    const body = (done.dispatchDraft as IssueDraft).body;
    expect(body).toContain("## Clarification Q&A");
    expect(body).toContain(`> ${answers[0]}`);
  });

  it("lets the creator's agent override win over the recommendation", async () => {
    const task = await makeTask("received", { description: CLEAR, agent: "claude-code" });
    await runTask(task.id, deps);
    expect((await load(task.id)).dispatchDraft).toMatchObject({ labels: ["ai-task", "bug-fix"] });
  });

  it("fails a task whose analysis fails, and a retry runs it again from analysis", async () => {
    const broken: Analyzer = { name: "broken", analyze: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:1")) };
    const task = await makeTask("received", { description: CLEAR });
    await runTask(task.id, { ...deps, analyzer: broken });
    expect(await load(task.id)).toMatchObject({ status: "failed", failedStep: "analysis", errorMessage: "Analysis failed: connect ECONNREFUSED 127.0.0.1:1" });

    await callRoute(retryRoute, "POST", `/api/tasks/${task.id}/retry`, { params: { id: task.id } });
    await runTask(task.id, deps);
    expect((await load(task.id)).status).toBe("dispatched");
  });

  it("processes a task once when two workers reach it at the same time", async () => {
    const task = await makeTask("received", { description: CLEAR });
    await Promise.all([runTask(task.id, deps), runTask(task.id, deps)]);
    const row = await load(task.id);
    expect(row.events.filter((e) => e.type === "analyzing")).toHaveLength(1);
    expect(row.events.filter((e) => e.type === "dispatched")).toHaveLength(1);
  });

  it("finds tasks a stopped process left behind, but not those another worker holds", async () => {
    const left = await makeTask("analyzing", { description: CLEAR });
    const held = await makeTask("analyzing", { description: CLEAR });
    expect(await claimTask(held.id, "another-instance")).toBe(true);
    const waiting = await tasksAwaitingWork(1000);
    expect(waiting).toContain(left.id);
    expect(waiting).not.toContain(held.id);
    await runTask(held.id, deps); // the lease is someone else's: nothing happens
    expect((await load(held.id)).status).toBe("analyzing");
    await runTask(left.id, deps);
    expect((await load(left.id)).status).toBe("dispatched");
  });

});
