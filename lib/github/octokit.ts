// An Octokit for the GitHub REST API (GITHUB_API_URL for GitHub Enterprise and
// tests) that retries server errors (not 4xx) and waits out rate limits, as
// GitHub asks. (Setting request.retries would make it retry every error.)
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

const GitHub = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GitHub>;

export type GitHubClientOptions = {
  token: string;
  baseUrl?: string;
  /** Milliseconds per second of Retry-After; lowered only by tests. */
  retryAfterBaseValue?: number;
};

export function createGitHubClient({ token, baseUrl, retryAfterBaseValue }: GitHubClientOptions): GitHubClient {
  return new GitHub({
    auth: token,
    baseUrl: baseUrl ?? "https://api.github.com",
    userAgent: "conduit",
    throttle: {
      retryAfterBaseValue,
      // Retry twice on the primary limit and once on the secondary one, then give up (the task fails, retryable).
      onRateLimit: (_retryAfter, _options, _octokit, retryCount) => retryCount < 2,
      onSecondaryRateLimit: (_retryAfter, _options, _octokit, retryCount) => retryCount < 1,
    },
  });
}
