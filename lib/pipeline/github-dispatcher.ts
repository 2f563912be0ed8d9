// Dispatch as a GitHub issue. Idempotent: before creating, it looks for an
// issue that already carries the task's marker, so a process that died between
// creating the issue and saving its number never creates a second one.
import type { GitHubClient } from "../github/octokit";
import { taskMarker } from "../github/task-marker";
import type { DispatchTask, Dispatched, Dispatcher } from "./dispatcher";
import type { IssueDraft } from "./issue-body";

export const REPO_NOT_FOUND = "Repository not found. Check the repo name and token permissions.";

type HttpError = Error & { status?: number; response?: { data?: { message?: string; errors?: { message?: string; field?: string }[] } } };

export class GitHubDispatcher implements Dispatcher {
  readonly name = "github";

  constructor(private readonly github: GitHubClient) {}

  async dispatch(task: DispatchTask, draft: IssueDraft): Promise<Dispatched> {
    const [owner, repo] = task.repo.split("/") as [string, string];
    try {
      const existing = await this.findIssue(owner, repo, task.id, task.createdAt);
      if (existing) return existing;
      const { data } = await this.github.rest.issues.create({ owner, repo, title: draft.title, body: draft.body, labels: draft.labels });
      return { issueNumber: data.number, issueUrl: data.html_url, draft: null };
    } catch (error) {
      throw new Error(describe(error as HttpError), { cause: error });
    }
  }

  private async findIssue(owner: string, repo: string, taskId: string, since: string): Promise<Dispatched | null> {
    const marker = taskMarker(taskId);
    const issues = await this.github.paginate(this.github.rest.issues.listForRepo, { owner, repo, state: "all", since, per_page: 100 });
    const found = issues.find((issue) => !issue.pull_request && issue.body?.includes(marker));
    return found ? { issueNumber: found.number, issueUrl: found.html_url, draft: null } : null;
  }
}

function describe(error: HttpError): string {
  if (error.status === 404) return REPO_NOT_FOUND;
  if (error.status === 422) {
    const details = error.response?.data?.errors?.map((e) => e.message ?? e.field).filter(Boolean).join("; ");
    return `GitHub refused the issue: ${error.response?.data?.message ?? "Validation Failed"}${details ? ` (${details})` : ""}`;
  }
  return `GitHub error${error.status ? ` ${error.status}` : ""}: ${error.message.split("\n")[0]}`;
}
