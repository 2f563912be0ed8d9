// npx tsx tests/bench/task-dto-cost.ts
//
// CPU per call of toTaskDetail (lib/tasks/task-dto.ts), which every webhook
// delivery that changes a task runs, beside the object spread it used to be
// built with: on Node 20's V8 a spread followed by new properties,
// `{ ...listItem, description, … }`, takes a slow path. Best of five rounds.
import { toTaskDetail, toTaskListItem } from "@/lib/tasks/task-dto";

type Row = Parameters<typeof toTaskDetail>[0];
const now = new Date();
const row = {
  id: "0b0e6c1e-5a43-4f54-9a55-0a9d5a3bd0f1", status: "pr_open", source: "api", description: "Fix the retry loop in src/queue/worker.ts",
  llmSummary: "Fix the retry loop", repo: "acme/webapp", priority: "medium", isPrivate: false, taskType: "bug_fix", recommendedAgent: "claude_code",
  agentOverride: null, githubIssueNumber: 12, githubIssueUrl: "https://github.com/acme/webapp/issues/12", githubPrNumber: 13,
  githubPrUrl: "https://github.com/acme/webapp/pull/13", githubPrStatus: "open", errorMessage: null, createdAt: now, updatedAt: now, version: 3,
  createdBy: { id: "u1", login: "alice", name: "Alice", avatarUrl: null }, taskTypeHint: null, filesHint: ["src/queue/worker.ts"],
  acceptanceCriteria: null, likelyFiles: ["src/queue/worker.ts"], suggestedCriteria: ["retries stop"], clarificationQuestions: [],
  clarificationAnswers: null, isClarified: true, githubBranch: "fix/12", mergeCommitSha: null, dispatchedAt: now, completedAt: null,
} as unknown as Row;

// The shape toTaskDetail had: a literal spreading the list item, then the
// detail's own sixteen fields written out one by one (their values taken
// ready-made here, so the variant does no more work than the original did).
const listed = toTaskListItem(row);
const detailOnly = Object.fromEntries(Object.entries(toTaskDetail(row)).filter(([key]) => !(key in listed)));
const spreadVariant = new Function(
  "toTaskListItem",
  "d",
  `return (r) => ({ ...toTaskListItem(r), ${Object.keys(detailOnly).map((key) => `${key}: d.${key}`).join(", ")} });`,
)(toTaskListItem, detailOnly) as (r: Row) => unknown;

function measure(label: string, build: (r: Row) => unknown, calls = 200_000) {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) build(row);
    best = Math.min(best, ((performance.now() - started) * 1000) / calls);
  }
  console.log(`${label}: ${best.toFixed(2)} µs per call`);
}
measure("toTaskDetail", toTaskDetail);
measure("the same fields by spread", spreadVariant);
