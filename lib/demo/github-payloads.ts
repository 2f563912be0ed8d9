// GitHub webhook payloads for the demo simulator and the tests: GitHub's own
// examples (@octokit/webhooks-examples) pointed at a repository, a task and a
// moment, so every field the app does not set looks like the real thing.
import examples from "@octokit/webhooks-examples";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- payloads are GitHub's

/** A deep copy of GitHub's example for `event`.`action` (the first one matching `pick`). */
export function example(event: string, action?: string, pick: (p: Json) => boolean = () => true): Json {
  const group = (examples as { name: string; examples: Json[] }[]).find((e) => e.name === event);
  const found = group?.examples.find((p) => (action === undefined || p.action === action) && pick(p));
  if (!found) throw new Error(`no example for ${event}.${action}`);
  return structuredClone(found);
}

/** Points a payload at a repository (full_name, name, owner). */
export function inRepo(payload: Json, repo: string): Json {
  const [owner, name] = repo.split("/");
  payload.repository.full_name = repo;
  payload.repository.name = name;
  payload.repository.owner.login = owner;
  return payload;
}

export type PullRequestOptions = {
  number: number;
  body?: string;
  branch?: string;
  title?: string;
  updatedAt?: string;
  draft?: boolean;
  reviewer?: string;
};

/** pull_request.<action>; "merged" is a closed delivery of a merged PR. */
export function pullRequest(action: string, repo: string, o: PullRequestOptions): Json {
  const base = example("pull_request", action === "merged" ? "closed" : action);
  const pr = base.pull_request;
  pr.number = base.number = o.number;
  pr.html_url = `https://github.com/${repo}/pull/${o.number}`;
  if (o.title) pr.title = o.title;
  pr.body = o.body ?? null;
  pr.head.ref = o.branch ?? `feature/pr-${o.number}`;
  pr.updated_at = o.updatedAt ?? new Date().toISOString();
  pr.draft = o.draft ?? false;
  if (o.reviewer) base.requested_reviewer = { ...(base.requested_reviewer ?? example("pull_request", "review_requested").requested_reviewer), login: o.reviewer };
  if (action === "merged") {
    pr.merged = true;
    pr.merged_at = pr.closed_at = pr.updated_at;
    pr.merge_commit_sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  } else if (action === "closed") {
    pr.merged = false;
    pr.merged_at = null;
    pr.closed_at = pr.updated_at;
  }
  return inRepo(base, repo);
}

/** workflow_run.<action> of a workflow named `name` on `branch`. */
export function workflowRun(action: "requested" | "in_progress" | "completed", repo: string, o: { name: string; branch: string; title: string }): Json {
  const base = example("workflow_run", action === "in_progress" ? "requested" : action);
  base.action = action;
  const run = base.workflow_run;
  run.name = o.name;
  run.path = `.github/workflows/${o.name.toLowerCase().replace(/\W+/g, "-")}.yml`;
  run.head_branch = o.branch;
  run.display_title = o.title;
  run.html_url = `https://github.com/${repo}/actions/runs/${run.id}`;
  return inRepo(base, repo);
}
