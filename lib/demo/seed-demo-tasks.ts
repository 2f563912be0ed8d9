// Demo tasks for a fresh install: a handful of tasks in different states, each
// walked through the real state machine so its timeline looks like the real thing.
import { getPrisma } from "../db/prisma";
import type { CreateTaskInput } from "../shared/task-schemas";
import { changeTask, type TaskChange } from "../tasks/change-task";
import { createTask } from "../tasks/create-task";

const REPO = "conduit-demo/webapp";
const ISSUES = `https://github.com/${REPO}/issues`;
const PULLS = `https://github.com/${REPO}/pull`;

const analyzing: TaskChange = { to: "analyzing", event: { type: "analyzing" } };
const analyzed = (summary: string, taskType: "bug_fix" | "feature" | "refactor" | "test_coverage", agent: "claude_code" | "codex" | "copilot"): TaskChange => ({
  fields: { llmSummary: summary, taskType, recommendedAgent: agent },
  event: { type: "llm_response", payload: { clear_enough: true, summary, task_type: taskType.replace("_", "-") } },
});
const dispatched = (issue: number): TaskChange => ({
  to: "dispatched",
  fields: { githubIssueNumber: issue, githubIssueUrl: `${ISSUES}/${issue}`, dispatchedAt: new Date() },
  event: { type: "dispatched", payload: { issueNumber: issue, issueUrl: `${ISSUES}/${issue}` } },
});
const coding: TaskChange = { to: "coding", event: { type: "agent_started", payload: {} } };
const prOpen = (pr: number, branch: string): TaskChange => ({
  to: "pr_open",
  fields: { githubPrNumber: pr, githubPrUrl: `${PULLS}/${pr}`, githubPrStatus: "open", githubBranch: branch },
  event: { type: "pr_opened", payload: { prNumber: pr, prUrl: `${PULLS}/${pr}`, branch } },
});

type DemoTask = { login: string; input: CreateTaskInput; steps: TaskChange[] };

const DEMO_TASKS: DemoTask[] = [
  {
    login: "maria",
    input: {
      description: "Users who sign in from the pricing page land on a redirect loop between /login and /billing. Make the login redirect honour the `next` parameter.",
      repo: REPO,
      acceptanceCriteria: "Signing in from /pricing returns to /pricing\nNo redirect loop when the session cookie is stale",
      priority: "high",
    },
    steps: [
      analyzing,
      analyzed("Fix the login redirect loop between /login and /billing", "bug_fix", "copilot"),
      dispatched(412),
      coding,
      prOpen(418, "copilot/fix-412"),
      {
        to: "merged",
        fields: { githubPrStatus: "merged", mergeCommitSha: "9f1c2ab7d04e5b3f8a61c0e2d9b7a4c5e6f70812" },
        event: { type: "pr_merged", payload: { prNumber: 418, mergeCommitSha: "9f1c2ab7d04e5b3f8a61c0e2d9b7a4c5e6f70812" } },
      },
    ],
  },
  {
    login: "devon",
    input: {
      description: "Add CSV export to the invoices table, with the same filters as the screen.",
      repo: REPO,
      type: "feature",
    },
    steps: [
      analyzing,
      {
        to: "needs_clarification",
        fields: {
          clarificationQuestions: [
            "Should the export include line items or one row per invoice?",
            "Which date format do your accountants expect?",
          ],
        },
        event: { type: "clarification_sent", payload: { count: 2 } },
      },
    ],
  },
  {
    login: "sam",
    input: {
      description: "Move the date helpers in src/utils/date.ts to date-fns and delete our hand-written timezone maths. Keep the public function names.",
      repo: REPO,
      files: ["src/utils/date.ts", "src/utils/date.test.ts"],
      acceptanceCriteria: "All existing tests pass\nNo change to exported names",
    },
    steps: [analyzing, analyzed("Replace hand-written date helpers with date-fns", "refactor", "claude_code"), dispatched(415), coding],
  },
  {
    login: "maria",
    input: {
      description: "Raise test coverage of the webhook parser to above 90% with table-driven tests for every event type.",
      repo: REPO,
      type: "test-coverage",
    },
    steps: [analyzing, analyzed("Cover the webhook parser with table-driven tests", "test_coverage", "codex"), dispatched(409), prOpen(411, "codex/webhook-parser-tests")],
  },
  {
    login: "devon",
    input: { description: "Switch the image pipeline to AVIF with a WebP fallback for older browsers.", repo: REPO },
    steps: [
      analyzing,
      analyzed("Serve AVIF images with a WebP fallback", "feature", "claude_code"),
      dispatched(401),
      prOpen(403, "claude/issue-401-avif"),
      {
        to: "failed",
        fields: { githubPrStatus: "closed", errorMessage: "PR closed without merge" },
        event: { type: "pr_closed", payload: { prNumber: 403 } },
      },
    ],
  },
  {
    login: "sam",
    input: { description: "Rename the `acct` query parameter to `account` everywhere, keeping the old name as an alias.", repo: REPO },
    steps: [{ to: "cancelled", event: { type: "cancelled" } }],
  },
  {
    login: "sam",
    input: {
      description: "The dashboard's relative times say 'in 1 minute' for events that just happened when the client clock runs behind. Clamp future times to 'just now'.",
      repo: REPO,
      priority: "low",
    },
    steps: [],
  },
];

// Demo people own the demo tasks; they have no password or GitHub account, so nobody signs in as them.
const PEOPLE: Record<string, string> = { maria: "Maria Okafor", devon: "Devon Lee", sam: "Sam Rivera" };

/** Adds the demo tasks when the database has none; returns how many it added. */
export async function seedDemoTasks({ force = false } = {}): Promise<number> {
  const prisma = getPrisma();
  if (!force && (await prisma.task.count()) > 0) return 0;
  for (const demo of DEMO_TASKS) {
    const user = await prisma.user.upsert({
      where: { login: demo.login },
      create: { login: demo.login, name: PEOPLE[demo.login] ?? demo.login, email: `${demo.login}@demo.conduit.invalid` },
      update: {},
      select: { id: true },
    });
    const task = await createTask({ source: "web", ...demo.input }, user.id);
    for (const step of demo.steps) await changeTask(task.id, step);
  }
  return DEMO_TASKS.length;
}
