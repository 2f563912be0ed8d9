// Real example payloads from @octokit/webhooks-examples, pointed at our test
// repository and task, signed like GitHub signs them.
import { randomUUID } from "node:crypto";
import examples from "@octokit/webhooks-examples";
import { sign } from "@octokit/webhooks-methods";

export const WEBHOOK_SECRET = "test-webhook-secret";

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

export type PullRequestOptions = { number: number; body?: string; branch?: string; updatedAt?: string; draft?: boolean };

export function pullRequest(action: string, repo: string, o: PullRequestOptions): Json {
  const base = example("pull_request", action === "merged" ? "closed" : action);
  const pr = base.pull_request;
  pr.number = base.number = o.number;
  pr.html_url = `https://github.com/${repo}/pull/${o.number}`;
  pr.body = o.body ?? null;
  pr.head.ref = o.branch ?? `feature/pr-${o.number}`;
  pr.updated_at = o.updatedAt ?? new Date().toISOString();
  pr.draft = o.draft ?? false;
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

export async function signedHeaders(body: string, event: string, deliveryId = randomUUID(), secret = WEBHOOK_SECRET) {
  return {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": deliveryId,
    "x-hub-signature-256": await sign(secret, body),
  };
}

/** Posts a signed delivery to a running app; resolves to the HTTP status. */
export async function deliverWebhook(baseUrl: string, event: string, payload: Json): Promise<number> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${baseUrl}/api/webhooks/github`, { method: "POST", headers: await signedHeaders(body, event), body });
  await response.arrayBuffer();
  return response.status;
}
