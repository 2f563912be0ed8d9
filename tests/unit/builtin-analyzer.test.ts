import { describe, expect, it } from "vitest";
import { analysisSchema, fallbackAnalysis, firstSentence, type AnalysisInput } from "@/lib/pipeline/analysis";
import { BuiltinAnalyzer } from "@/lib/pipeline/builtin-analyzer";

const input = (description: string, more: Partial<AnalysisInput> = {}): AnalysisInput => ({
  description,
  repo: "acme/web",
  taskTypeHint: null,
  filesHint: [],
  acceptanceCriteria: null,
  questions: [],
  answers: [],
  ...more,
});

const analyzer = new BuiltinAnalyzer();

describe("built-in analyzer", () => {
  it.each([
    // description, extra, clear?, type, agent
    [
      "Users who sign in from /pricing land in a redirect loop between /login and /billing. The login redirect should honour the next parameter.",
      {},
      true,
      "bug-fix",
      "copilot",
    ],
    ["Make the dashboard better", {}, false, "feature", "codex"],
    ["Fix it", {}, false, "bug-fix", "copilot"],
    [
      "Add CSV export to the invoices table in src/invoices/table.tsx; the export must use the same filters as the screen.",
      {},
      true,
      "feature",
      "codex",
    ],
    [
      "Raise coverage of src/webhooks/parse.ts with table-driven tests for every event type.",
      { acceptanceCriteria: "Coverage above 90%" },
      true,
      "test-coverage",
      "codex",
    ],
    [
      "Refactor the date helpers in src/utils/date.ts to use date-fns and delete the hand-written timezone maths.",
      { acceptanceCriteria: "- Existing tests pass\n- No change to exported names" },
      true,
      "refactor",
      "claude-code",
    ],
    [
      "Migrate every page across the app from the pages router to the app router, keeping URLs; it should not change behaviour.",
      {},
      true,
      "refactor",
      "claude-code",
    ],
  ] as const)("%s", async (description, extra, clear, type, agent) => {
    const result = analysisSchema.parse(await analyzer.analyze(input(description, extra)));
    expect(result.clear_enough).toBe(clear);
    expect(result.questions.length > 0).toBe(!clear);
    expect(result.questions.length).toBeLessThanOrEqual(3);
    expect(result.task_type).toBe(type);
    expect(result.recommended_agent).toBe(agent);
    expect(result.summary.length).toBeGreaterThan(0);
  });

  it("takes the type hint over the words, and files from the hint and the text", async () => {
    const result = await analyzer.analyze(
      input("Fix the flaky test in tests/login.spec.ts that fails on Safari; it should pass ten runs in a row.", {
        taskTypeHint: "test-coverage",
        filesHint: ["src/login.ts"],
      }),
    );
    expect(result.task_type).toBe("test-coverage");
    expect(result.likely_files).toEqual(["src/login.ts", "tests/login.spec.ts"]);
  });

  it("asks nothing once the questions were answered", async () => {
    const result = await analyzer.analyze(
      input("Make the dashboard better", { questions: ["What does better mean?"], answers: ["Load in under a second on 3G"] }),
    );
    expect(result.clear_enough).toBe(true);
    expect(result.questions).toEqual([]);
  });

  it("uses given acceptance criteria as the suggestion, one per line without bullets", async () => {
    const result = await analyzer.analyze(input("Add dark mode to the settings page of the web app.", { acceptanceCriteria: "1. A toggle\n* Persists across reloads" }));
    expect(result.suggested_acceptance_criteria).toEqual(["A toggle", "Persists across reloads"]);
  });
});

describe("analysis helpers", () => {
  it("takes the first sentence as the summary, at most 100 characters", () => {
    expect(firstSentence("Fix the loop. Then more.")).toBe("Fix the loop");
    expect(firstSentence("First line\nsecond line")).toBe("First line");
    expect(firstSentence("x".repeat(150))).toHaveLength(100);
  });

  it("falls back as the spec says", () => {
    expect(fallbackAnalysis("Do the thing. Now.")).toMatchObject({ clear_enough: false, task_type: "bug-fix", recommended_agent: "claude-code", summary: "Do the thing" });
  });
});
