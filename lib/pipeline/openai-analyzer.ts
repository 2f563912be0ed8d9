// Analysis by an LLM through the official openai SDK (any OpenAI-compatible
// endpoint). The system prompt is ours; the user's text goes only into the
// user message. Unreadable replies become the spec's fallback; network and
// HTTP errors are thrown, so the task fails and can be retried.
import OpenAI from "openai";
import { analysisSchema, fallbackAnalysis, type Analysis, type AnalysisInput, type Analyzer } from "./analysis";

export const DEFAULT_SYSTEM_PROMPT = `You are a senior engineering lead reviewing a coding task before it goes to an AI coding agent.
Judge whether the task is clear enough to implement. List what is ambiguous and ask at most 3 short questions, only if needed.
Classify the task type: bug-fix, feature, refactor or test-coverage.
Recommend an agent: claude-code for complex or broad work, codex for quick code generation, copilot for simple bug fixes.
Infer the repository (owner/name) when the task names one.
Answer with JSON only, no prose, with exactly these keys:
{"clear_enough": boolean, "questions": string[], "task_type": string, "recommended_agent": string, "summary": "one sentence, used as the issue title", "suggested_acceptance_criteria": string[], "likely_files": string[], "repo": string | null}`;

export function userMessage(input: AnalysisInput): string {
  const parts = [`Repository: ${input.repo}`, `Task description:\n${input.description}`];
  if (input.taskTypeHint) parts.push(`Type suggested by the submitter: ${input.taskTypeHint}`);
  if (input.filesHint.length) parts.push(`Files mentioned: ${input.filesHint.join(", ")}`);
  if (input.acceptanceCriteria) parts.push(`Acceptance criteria:\n${input.acceptanceCriteria}`);
  if (input.answers.length) {
    parts.push(`Answers to earlier questions:\n${input.questions.map((q, i) => `Q: ${q}\nA: ${input.answers[i] ?? ""}`).join("\n")}`);
  }
  return parts.join("\n\n");
}

/** Strips code fences, parses and validates; anything unreadable becomes the fallback. */
export function parseAnalysis(reply: string, description: string): Analysis {
  const text = reply.trim().replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, "");
  try {
    const parsed = analysisSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON
  }
  return fallbackAnalysis(description);
}

export class OpenAiAnalyzer implements Analyzer {
  readonly name = "openai";

  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    /** The system prompt for a repository (see system-prompt.ts). */
    private readonly systemPrompt: (repo: string) => Promise<string> = async () => DEFAULT_SYSTEM_PROMPT,
  ) {}

  async analyze(input: AnalysisInput): Promise<Analysis> {
    const completion = await this.client.chat.completions.create({
      model: this.model,
      temperature: 0.2,
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: await this.systemPrompt(input.repo) },
        { role: "user", content: userMessage(input) },
      ],
    });
    return parseAnalysis(completion.choices[0]?.message?.content ?? "", input.description);
  }
}
