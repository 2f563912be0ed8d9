// The system prompt for a repository: its own .ai/prompts/system.md when a
// GitHub token can read it, else ours. Cached for an hour per repository.
import type { GitHubClient } from "../github/octokit";
import { log } from "../observability/log";
import { DEFAULT_SYSTEM_PROMPT } from "./openai-analyzer";

export const REPO_PROMPT_PATH = ".ai/prompts/system.md";
const HOUR = 3_600_000;

export class SystemPrompts {
  private readonly cache = new Map<string, { prompt: string; expires: number }>();

  constructor(
    private readonly github: GitHubClient | null,
    private readonly ttlMs = HOUR,
  ) {}

  async forRepo(repo: string): Promise<string> {
    if (!this.github) return DEFAULT_SYSTEM_PROMPT;
    const key = repo.toLowerCase();
    const cached = this.cache.get(key);
    if (cached && cached.expires > Date.now()) return cached.prompt;
    const prompt = (await this.fetch(repo)) ?? DEFAULT_SYSTEM_PROMPT;
    this.cache.set(key, { prompt, expires: Date.now() + this.ttlMs });
    return prompt;
  }

  private async fetch(repo: string): Promise<string | null> {
    const [owner, name] = repo.split("/") as [string, string];
    try {
      const { data } = await this.github!.rest.repos.getContent({ owner, repo: name, path: REPO_PROMPT_PATH, mediaType: { format: "raw" } });
      // With the raw media type GitHub sends the file itself; Octokit's types do not know that.
      const raw: unknown = data;
      const text = typeof raw === "string" ? raw.trim() : "";
      return text || null;
    } catch (error) {
      // No such file (404) is the usual case; anything else must not block analysis.
      if ((error as { status?: number }).status !== 404) log.warn({ err: error, repo }, `could not read ${REPO_PROMPT_PATH}`);
      return null;
    }
  }
}
