// The analysis the spec asks of the LLM (section 6), validated with zod: the
// same shape whether it came from a model or the built-in analyzer.
import { z } from "zod";
import { AGENTS, TASK_TYPES } from "../shared/task-status";

export const analysisSchema = z.object({
  clear_enough: z.boolean(),
  questions: z.array(z.string().trim().min(1)).max(3).default([]),
  task_type: z.enum(TASK_TYPES),
  recommended_agent: z.enum(AGENTS),
  summary: z.string().trim().min(1).max(300),
  suggested_acceptance_criteria: z.array(z.string().trim().min(1)).default([]),
  likely_files: z.array(z.string().trim().min(1)).default([]),
  repo: z.string().nullable().optional(),
});
export type Analysis = z.infer<typeof analysisSchema>;

/** What a model's reply becomes when it cannot be read (spec: dispatch with the raw description). */
export function fallbackAnalysis(description: string): Analysis {
  return {
    clear_enough: false,
    questions: [],
    task_type: "bug-fix",
    recommended_agent: "claude-code",
    summary: firstSentence(description),
    suggested_acceptance_criteria: [],
    likely_files: [],
    repo: null,
  };
}

/** The description's first sentence, as an issue title (at most 100 characters). */
export function firstSentence(text: string): string {
  const sentence = text.trim().split(/(?<=[.!?])\s|\n/, 1)[0]!.replace(/[.!?]+$/, "").trim();
  return sentence.length > 100 ? `${sentence.slice(0, 99).trimEnd()}…` : sentence;
}

export type AnalysisInput = {
  description: string;
  repo: string;
  taskTypeHint: string | null;
  filesHint: string[];
  acceptanceCriteria: string | null;
  questions: string[];
  answers: string[];
};

export interface Analyzer {
  readonly name: string;
  analyze(input: AnalysisInput): Promise<Analysis>;
}
