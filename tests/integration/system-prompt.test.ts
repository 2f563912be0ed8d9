import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "@/lib/github/octokit";
import { DEFAULT_SYSTEM_PROMPT } from "@/lib/pipeline/openai-analyzer";
import { REPO_PROMPT_PATH, SystemPrompts } from "@/lib/pipeline/system-prompt";
import { startGitHubStandIn } from "../helpers/github-standin";

let github: Awaited<ReturnType<typeof startGitHubStandIn>>;

beforeAll(async () => {
  github = await startGitHubStandIn(["acme/web", "acme/plain"]);
  github.setFile("acme/web", REPO_PROMPT_PATH, "You review tasks for the Acme web team. Answer with JSON only.\n");
});
afterAll(() => github?.close());

describe("per-repository system prompts", () => {
  it("reads .ai/prompts/system.md through the GitHub API and caches it for the hour", async () => {
    const prompts = new SystemPrompts(createGitHubClient({ token: "ghp_test", baseUrl: github.baseUrl }));
    const reads = github.contentReads();
    expect(await prompts.forRepo("acme/web")).toBe("You review tasks for the Acme web team. Answer with JSON only.");
    expect(await prompts.forRepo("ACME/web")).toBe("You review tasks for the Acme web team. Answer with JSON only.");
    expect(github.contentReads()).toBe(reads + 1);
  });

  it("uses the default prompt when the file is missing, and reads again once the cache expires", async () => {
    const prompts = new SystemPrompts(createGitHubClient({ token: "ghp_test", baseUrl: github.baseUrl }), 0);
    const reads = github.contentReads();
    expect(await prompts.forRepo("acme/plain")).toBe(DEFAULT_SYSTEM_PROMPT);
    expect(await prompts.forRepo("acme/plain")).toBe(DEFAULT_SYSTEM_PROMPT);
    expect(github.contentReads()).toBe(reads + 2);
  });

  it("uses the default prompt without a token", async () => {
    expect(await new SystemPrompts(null).forRepo("acme/web")).toBe(DEFAULT_SYSTEM_PROMPT);
  });
});
