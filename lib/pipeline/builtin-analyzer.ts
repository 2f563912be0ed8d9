// The analyzer used without an LLM key. It reads the task the way a lead would
// skim it: is there enough to act on, what kind of work is it, how big is it.
// Deterministic and offline, so the demo shows both the clear path and the
// clarification path.
import type { Agent, TaskType } from "../shared/task-status";
import { firstSentence, type Analysis, type AnalysisInput, type Analyzer } from "./analysis";

const TYPE_WORDS: [TaskType, RegExp][] = [
  ["test-coverage", /\b(tests?|coverage|spec|unit[- ]tests?|e2e)\b/i],
  ["bug-fix", /\b(fix|bug|error|crash(es)?|broken|fails?|failing|regression|wrong|incorrect|loop|exception|500|404)\b/i],
  ["refactor", /\b(refactor|rename|extract|simplify|clean ?up|reorgani[sz]e|migrate|replace|move)\b/i],
];
const VAGUE = /\b(improve|better|faster|nicer|cleaner|somehow|stuff|things|etc|some issues?|make it work|fix it|optimi[sz]e)\b/i;
const PATH = /(?:^|[\s`'"(])((?:[\w.-]+\/)+[\w.-]+\.\w{1,5}|[\w-]+\.(?:tsx?|jsx?|py|rb|go|rs|java|kt|css|scss|sql|md|ya?ml|json))\b/g;
const CRITERIA_HINT = /\b(should|must|expect(ed)?|so that|acceptance|returns?|shows?)\b/i;
const BROAD = /\b(across|everywhere|all (pages|modules|files)|architecture|redesign|migrate|rewrite)\b/i;

export class BuiltinAnalyzer implements Analyzer {
  readonly name = "built-in";

  async analyze(input: AnalysisInput): Promise<Analysis> {
    const answered = input.answers.join("\n");
    const text = [input.description, input.acceptanceCriteria ?? "", answered].join("\n");
    const words = input.description.split(/\s+/).filter(Boolean).length;
    const files = [...new Set([...input.filesHint, ...[...text.matchAll(PATH)].map((m) => m[1]!)])];
    const criteria = (input.acceptanceCriteria ?? "").split("\n").map((l) => l.replace(/^\s*[-*\d.)\]]+\s*/, "").trim()).filter(Boolean);

    const questions: string[] = [];
    if (!answered) {
      if (words < 8) questions.push("What exactly should change, and where does the problem show up?");
      const vague = VAGUE.exec(input.description)?.[0];
      if (vague && files.length === 0 && !/\d/.test(input.description)) {
        questions.push(`What does "${vague}" mean here: which behaviour or measure should be different afterwards?`);
      }
      if (criteria.length === 0 && !CRITERIA_HINT.test(text)) questions.push("How will we know it is done? List the acceptance criteria.");
      if (files.length === 0 && words < 25 && questions.length > 0) {
        questions.push("Which part of the code (files, pages or modules) does this touch?");
      }
    }

    // The kind of work comes from what is asked, not from the criteria ("tests pass").
    const asked = `${input.description}\n${answered}`;
    const taskType = (input.taskTypeHint as TaskType | null) ?? TYPE_WORDS.find(([, re]) => re.test(asked))?.[0] ?? "feature";
    return {
      clear_enough: questions.length === 0,
      questions: questions.slice(0, 3),
      task_type: taskType,
      recommended_agent: recommendAgent(taskType, words, files.length, text),
      summary: firstSentence(input.description),
      suggested_acceptance_criteria: criteria.length ? criteria : defaultCriteria(taskType),
      likely_files: files,
      repo: input.repo,
    };
  }
}

/** Spec: claude-code for complex work, codex for quick generation, copilot for simple bugs. */
function recommendAgent(type: TaskType, words: number, files: number, text: string): Agent {
  if (BROAD.test(text) || words > 80 || files > 3 || type === "refactor") return "claude-code";
  if (type === "bug-fix" && words <= 60 && files <= 2) return "copilot";
  if (type === "test-coverage" || (type === "feature" && words <= 40)) return "codex";
  return "claude-code";
}

function defaultCriteria(type: TaskType): string[] {
  const common = ["All existing tests pass"];
  switch (type) {
    case "bug-fix":
      return ["The reported problem no longer occurs", "A test reproduces the problem and now passes", ...common];
    case "test-coverage":
      return ["New tests cover the named code paths", ...common];
    case "refactor":
      return ["Behaviour is unchanged", ...common];
    default:
      return ["The new behaviour is covered by tests", ...common];
  }
}
