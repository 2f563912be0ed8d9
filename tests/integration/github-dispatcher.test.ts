import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as retryRoute } from "@/app/api/tasks/[id]/retry/route";
import { getPrisma } from "@/lib/db/prisma";
import { createGitHubClient } from "@/lib/github/octokit";
import { BuiltinAnalyzer } from "@/lib/pipeline/builtin-analyzer";
import { GitHubDispatcher, REPO_NOT_FOUND } from "@/lib/pipeline/github-dispatcher";
import { issueDraft } from "@/lib/pipeline/issue-body";
import { runTask } from "@/lib/pipeline/run-task";
import { callRoute } from "../helpers/call-route";
import { startGitHubStandIn } from "../helpers/github-standin";
import { makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

const REPO = "acme/web";
const CLEAR = "Users who sign in from /pricing land in a redirect loop between /login and /billing. The redirect should honour the next parameter.";
let github: Awaited<ReturnType<typeof startGitHubStandIn>>;
let deps: { analyzer: BuiltinAnalyzer; dispatcher: GitHubDispatcher };

beforeAll(async () => {
  github = await startGitHubStandIn([REPO]);
  const client = createGitHubClient({ token: "ghp_test", baseUrl: github.baseUrl, retryAfterBaseValue: 20 });
  deps = { analyzer: new BuiltinAnalyzer(), dispatcher: new GitHubDispatcher(client) };
});
afterAll(() => github?.close());

const load = (id: string) => getPrisma().task.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "asc" } } } });

describe("dispatch to GitHub issues through Octokit", () => {
  it("creates the issue with the summary as title, the template body and the routing labels", async () => {
    const task = await makeTask("received", { description: CLEAR, repo: REPO });
    await runTask(task.id, deps);
    const row = await load(task.id);
    const issue = github.issues(REPO).find((i) => i.body.includes(`conduit-task: ${task.id}`))!;
    expect(issue.title).toBe(row.llmSummary);
    expect(issue.labels.map((l) => l.name)).toEqual(["copilot-eligible", "bug-fix"]);
    expect(row).toMatchObject({ status: "dispatched", githubIssueNumber: issue.number, githubIssueUrl: issue.html_url, dispatchDraft: null });
    expect(row.events.at(-1)).toMatchObject({ type: "dispatched", payload: { dispatcher: "github", issueNumber: issue.number } });
  });

  it("never creates a second issue when the process died between creating it and saving it", async () => {
    const task = await makeTask("analyzing", { description: CLEAR, repo: REPO });
    const draft = issueDraft({ taskId: task.id, source: "api", summary: "Fix the loop", description: CLEAR, taskType: "bug-fix", agent: "copilot", criteria: [], likelyFiles: [], questions: [], answers: [], stillUnclear: false });
    const first = await deps.dispatcher.dispatch({ id: task.id, repo: REPO, createdAt: task.createdAt }, draft); // …and the process dies here
    const creates = github.creates();
    await runTask(task.id, deps); // the restarted pipeline
    expect(github.creates()).toBe(creates);
    expect((await load(task.id)).githubIssueNumber).toBe(first.issueNumber);
  });

  it("fails with the spec's message when the repository is not found, and a retry keeps the analysis", async () => {
    const task = await makeTask("received", { description: CLEAR, repo: "acme/missing" });
    await runTask(task.id, deps);
    expect(await load(task.id)).toMatchObject({ status: "failed", failedStep: "dispatch", errorMessage: REPO_NOT_FOUND });

    github.addRepo("acme/missing");
    await callRoute(retryRoute, "POST", `/api/tasks/${task.id}/retry`, { params: { id: task.id } });
    await runTask(task.id, deps);
    const row = await load(task.id);
    expect(row.status).toBe("dispatched");
    expect(row.events.filter((e) => e.type === "llm_response")).toHaveLength(1); // not analysed again
  });

  it("fails with GitHub's message on 422", async () => {
    github.failNextCreate({ status: 422, body: { message: "Validation Failed", errors: [{ resource: "Issue", field: "labels", message: "label copilot-eligible is not allowed" }] } });
    const task = await makeTask("received", { description: CLEAR, repo: REPO });
    await runTask(task.id, deps);
    expect(await load(task.id)).toMatchObject({
      status: "failed",
      errorMessage: "GitHub refused the issue: Validation Failed (label copilot-eligible is not allowed)",
    });
  });

  it("waits out a rate limit and then creates the issue", async () => {
    github.failNextCreate({
      status: 403,
      body: { message: "API rate limit exceeded" },
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 1) },
    });
    const task = await makeTask("received", { description: CLEAR, repo: REPO });
    await runTask(task.id, deps);
    expect((await load(task.id)).status).toBe("dispatched");
  });
});
