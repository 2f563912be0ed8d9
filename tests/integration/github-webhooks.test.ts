import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as pipelineStats } from "@/app/api/stats/pipeline/route";
import { POST as webhook } from "@/app/api/webhooks/github/route";
import { getEnv, resetEnvCache } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/prisma";
import { deleteSettledDeliveries } from "@/lib/github/delivery-store";
import { deleteExpiredDeliveries, retryFailedDeliveries } from "@/lib/github/retry-deliveries";
import { taskMarker } from "@/lib/github/task-marker";
import { callRoute } from "../helpers/call-route";
import { example, inRepo, pullRequest, signedHeaders, WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { deliver } from "../helpers/deliver-in-process";
import { makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

const REPO = "acme/webapp";

const task = async (id: string) => getPrisma().task.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "asc" } } } });
const deliveries = () => getPrisma().webhookDelivery.count();

/** A dispatched task with its issue, as dispatch leaves it. */
async function dispatchedTask() {
  const t = await makeTask("dispatched", { repo: REPO });
  return { id: t.id, issue: t.githubIssueNumber! };
}

beforeAll(() => {
  process.env.GITHUB_WEBHOOK_SECRET = WEBHOOK_SECRET;
  process.env.GITHUB_WEBHOOK_SECRET_PREVIOUS = "the-secret-before";
  resetEnvCache();
});

describe("receiving", () => {
  beforeEach(() => resetEnvCache());

  it("answers 503 and writes nothing while no secret is configured, and health says so", async () => {
    const saved = process.env.GITHUB_WEBHOOK_SECRET;
    delete process.env.GITHUB_WEBHOOK_SECRET;
    resetEnvCache();
    try {
      const before = await deliveries();
      const res = await deliver("ping", example("ping"));
      expect(res.status).toBe(503);
      expect(res.json.error.message).toContain("GITHUB_WEBHOOK_SECRET");
      expect(await deliveries()).toBe(before);
      expect((await (await health()).json()).webhooks).toMatchObject({ configured: false });
    } finally {
      process.env.GITHUB_WEBHOOK_SECRET = saved;
      resetEnvCache();
    }
  });

  it("refuses a missing or tampered signature with 401 and writes nothing", async () => {
    const before = await deliveries();
    const body = JSON.stringify(example("ping"));
    const headers = await signedHeaders(body, "ping");
    const unsigned = await callRoute(webhook, "POST", "/api/webhooks/github", {
      rawBody: body,
      headers: { ...headers, "x-hub-signature-256": "" },
    });
    expect(unsigned.status).toBe(401);
    const tampered = await callRoute(webhook, "POST", "/api/webhooks/github", { rawBody: body.replace("zen", "Zen"), headers });
    expect(tampered.status).toBe(401);
    const otherSecret = await deliver("ping", example("ping"), { secret: "not-our-secret" });
    expect(otherSecret.status).toBe(401);
    expect(await deliveries()).toBe(before);
  });

  it("accepts the previous secret while it is being rotated", async () => {
    expect((await deliver("ping", example("ping"), { secret: "the-secret-before" })).status).toBe(200);
  });

  it("answers 400 to a body that is not a JSON object or missing headers, 413 past 25 MB", async () => {
    const notJson = "not json";
    expect((await callRoute(webhook, "POST", "/x", { rawBody: notJson, headers: await signedHeaders(notJson, "ping") })).status).toBe(400);
    const array = "[1,2]";
    expect((await callRoute(webhook, "POST", "/x", { rawBody: array, headers: await signedHeaders(array, "ping") })).status).toBe(400);
    const body = JSON.stringify(example("ping"));
    const { "x-github-event": _event, ...noEvent } = await signedHeaders(body, "ping");
    const missing = await callRoute(webhook, "POST", "/x", { rawBody: body, headers: noEvent });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toContain("X-GitHub-Event");
    const huge = "x".repeat(25 * 1024 * 1024 + 1);
    expect((await callRoute(webhook, "POST", "/x", { rawBody: huge, headers: await signedHeaders("{}", "ping") })).status).toBe(413);
  });

  it("answers ping with 200, and an untracked event or repository with 202 and the reason", async () => {
    expect((await deliver("ping", example("ping"))).status).toBe(200);
    const star = await deliver("star", inRepo(example("star", "created"), REPO));
    expect(star.status).toBe(202);
    expect(star.json).toMatchObject({ ignored: true, reason: "event star is not tracked" });
    const elsewhere = await deliver("pull_request", pullRequest("opened", "someone/else", { number: 5 }));
    expect(elsewhere.status).toBe(202);
    expect(elsewhere.json.reason).toBe("repository someone/else is not tracked");
  });

  it("tracks a repository from its first task on, and keeps answering the untracked ones with the reason", async () => {
    const opened = () => pullRequest("opened", "acme/Later-Service", { number: 7 });
    expect((await deliver("pull_request", opened())).json.reason).toBe("repository acme/Later-Service is not tracked");
    await makeTask("received", { repo: "acme/later-service" });
    const tracked = await deliver("pull_request", opened());
    expect(tracked.json.reason).toBe("no task matches pull request #7");
    expect((await deliver("pull_request", opened())).json.reason).toBe("no task matches pull request #7");
    expect((await deliver("issues", inRepo(example("issues", "assigned"), "someone/else"))).json.reason).toBe("repository someone/else is not tracked");
  });
});

describe("pull requests", () => {
  it("opens: pr_open with number, URL, title, draft state and branch, linked by a closing keyword", async () => {
    const t = await dispatchedTask();
    const res = await deliver("pull_request", pullRequest("opened", REPO, { number: 801, body: `Fixes #${t.issue}`, draft: true, branch: "agent/work" }));
    expect(res.status).toBe(200);
    expect(res.json.taskId).toBe(t.id);
    const row = await task(t.id);
    expect(row).toMatchObject({ status: "pr_open", githubPrNumber: 801, githubPrUrl: `https://github.com/${REPO}/pull/801`, githubPrStatus: "draft", githubBranch: "agent/work" });
    expect(row.events.at(-1)).toMatchObject({ type: "pr_opened", payload: { prNumber: 801, draft: true, linkedBy: "closing_keyword" } });
  });

  it("links by the task marker and by the branch name when there is no closing keyword", async () => {
    const byMarker = await dispatchedTask();
    await deliver("pull_request", pullRequest("opened", REPO, { number: 802, body: `Work for ${taskMarker(byMarker.id)}` }));
    expect((await task(byMarker.id)).githubPrNumber).toBe(802);

    const byBranch = await dispatchedTask();
    await deliver("pull_request", pullRequest("opened", REPO, { number: 803, branch: `claude/issue-${byBranch.issue}-fix-things` }));
    expect((await task(byBranch.id)).githubPrNumber).toBe(803);

    const unmatched = await deliver("pull_request", pullRequest("opened", REPO, { number: 804, branch: "docs/typo" }));
    expect(unmatched.status).toBe(202);
    expect(unmatched.json.reason).toBe("no task matches pull request #804");
    const stored = await getPrisma().webhookDelivery.findFirstOrThrow({ where: { repository: REPO, reason: { contains: "#804" } } });
    expect(stored.outcome).toBe("ignored");
  });

  it("records review requests and newer updates, and ignores older ones", async () => {
    const t = await dispatchedTask();
    const opts = { number: 810, body: `Closes #${t.issue}` };
    await deliver("pull_request", pullRequest("opened", REPO, { ...opts, updatedAt: "2026-11-26T10:00:00Z" }));
    const review = pullRequest("review_requested", REPO, { ...opts, updatedAt: "2026-11-26T10:05:00Z" });
    expect((await deliver("pull_request", review)).status).toBe(200);
    expect((await task(t.id)).events.at(-1)).toMatchObject({ type: "pr_review_requested", payload: { reviewer: "octocat" } });

    const stale = await deliver("pull_request", pullRequest("converted_to_draft", REPO, { ...opts, draft: true, updatedAt: "2026-11-26T10:01:00Z" }));
    expect(stale.status).toBe(202);
    expect((await task(t.id)).githubPrStatus).toBe("open");
  });

  it("closes merged: merged with the merge commit; closed without merge: failed", async () => {
    const merged = await dispatchedTask();
    await deliver("pull_request", pullRequest("opened", REPO, { number: 820, body: `Fixes #${merged.issue}` }));
    await deliver("pull_request", pullRequest("merged", REPO, { number: 820, body: `Fixes #${merged.issue}` }));
    const m = await task(merged.id);
    expect(m).toMatchObject({ status: "merged", githubPrStatus: "merged", mergeCommitSha: "6dcb09b5b57875f334f61aebed695e2e4193db5e" });
    expect(m.completedAt).not.toBeNull();
    expect(m.events.at(-1)).toMatchObject({ type: "pr_merged", payload: { prNumber: 820 } });

    const closed = await dispatchedTask();
    await deliver("pull_request", pullRequest("opened", REPO, { number: 821, body: `Fixes #${closed.issue}` }));
    await deliver("pull_request", pullRequest("closed", REPO, { number: 821, body: `Fixes #${closed.issue}` }));
    expect(await task(closed.id)).toMatchObject({ status: "failed", errorMessage: "PR closed without merge", githubPrStatus: "closed" });
  });

  it("ends merged with the PR link whatever order a full lifecycle arrives in", async () => {
    const steps = ["opened", "review_requested", "synchronize", "ready_for_review", "merged"];
    const orders = [steps, [...steps].reverse(), ["merged", "opened", "synchronize", "review_requested", "ready_for_review"], ["synchronize", "merged", "opened", "ready_for_review", "review_requested"]];
    for (const [n, order] of orders.entries()) {
      const t = await dispatchedTask();
      const number = 830 + n;
      const at = (action: string) => `2026-11-26T11:0${steps.indexOf(action)}:00Z`;
      for (const action of order) {
        const res = await deliver("pull_request", pullRequest(action, REPO, { number, body: `Resolves #${t.issue}`, updatedAt: at(action) }));
        expect([200, 202]).toContain(res.status);
      }
      expect(await task(t.id)).toMatchObject({ status: "merged", githubPrNumber: number, githubPrUrl: `https://github.com/${REPO}/pull/${number}` });
    }
  });
});

describe("issues, workflow runs and comments", () => {
  it("moves a dispatched task to coding when its issue is assigned, and ignores dispatch's own labels", async () => {
    const t = await dispatchedTask();
    const label = inRepo(example("issues", "labeled"), REPO);
    label.issue.number = t.issue;
    label.label.name = "ai-task";
    expect((await deliver("issues", label)).json.reason).toBe("label ai-task is set by dispatch");

    const assigned = inRepo(example("issues", "assigned"), REPO);
    assigned.issue.number = t.issue;
    expect((await deliver("issues", assigned)).status).toBe(200);
    const row = await task(t.id);
    expect(row.status).toBe("coding");
    expect(row.events.at(-1)).toMatchObject({ type: "agent_started", payload: { via: "issue_assigned" } });
  });

  it("moves a dispatched task to coding when an agent workflow run starts on its branch", async () => {
    const t = await dispatchedTask();
    const run = inRepo(example("workflow_run", "requested"), REPO);
    run.workflow_run.name = "Claude Code";
    run.workflow_run.head_branch = `claude/issue-${t.issue}-20261126`;
    expect((await deliver("workflow_run", run)).status).toBe(200);
    expect((await task(t.id)).status).toBe("coding");

    const ci = inRepo(example("workflow_run", "requested"), REPO);
    ci.workflow_run.name = "CI";
    expect((await deliver("workflow_run", ci)).json.reason).toContain("not an agent workflow");
  });

  it("records an agent's comment as agent_question, and ignores people's comments", async () => {
    const t = await dispatchedTask();
    const comment = inRepo(example("issue_comment", "created"), REPO);
    comment.issue.number = t.issue;
    delete comment.issue.pull_request;
    comment.comment.user = { ...comment.comment.user, login: "copilot-swe-agent[bot]", type: "Bot" };
    comment.comment.body = "Should the export include archived invoices?";
    expect((await deliver("issue_comment", comment)).status).toBe(200);
    expect((await task(t.id)).events.at(-1)).toMatchObject({
      type: "agent_question",
      payload: { author: "copilot-swe-agent[bot]", body: "Should the export include archived invoices?" },
    });

    const human = inRepo(example("issue_comment", "created"), REPO);
    human.issue.number = t.issue;
    human.comment.user.type = "User";
    expect((await deliver("issue_comment", human)).json.reason).toBe("the comment is not from an agent");
  });
});

describe("deduplication and retries", () => {
  it("answers a redelivery with duplicate: true and applies it once", async () => {
    const t = await dispatchedTask();
    const payload = pullRequest("opened", REPO, { number: 840, body: `Fixes #${t.issue}` });
    const id = randomUUID();
    expect((await deliver("pull_request", payload, { deliveryId: id })).status).toBe(200);
    const again = await deliver("pull_request", payload, { deliveryId: id });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ duplicate: true, outcome: "processed" });
    expect((await task(t.id)).events.filter((e) => e.type === "pr_opened")).toHaveLength(1);
  });

  it("applies two copies that arrive at the same moment once", async () => {
    const t = await dispatchedTask();
    const payload = pullRequest("opened", REPO, { number: 841, body: `Fixes #${t.issue}` });
    const id = randomUUID();
    const results = await Promise.all([deliver("pull_request", payload, { deliveryId: id }), deliver("pull_request", payload, { deliveryId: id })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200]);
    expect(results.filter((r) => r.json.duplicate)).toHaveLength(1);
    expect((await task(t.id)).events.filter((e) => e.type === "pr_opened")).toHaveLength(1);
  });

  it("stores what the handler reads of a payload (and processes that), a payload that does not fit as sent, and nothing of an untracked event", async () => {
    const t = await dispatchedTask();
    const payload = pullRequest("opened", REPO, { number: 811, body: `Fixes #${t.issue}` });
    const id = randomUUID();
    expect((await deliver("pull_request", payload, { deliveryId: id })).json).toMatchObject({ ok: true, taskId: t.id });
    const { payload: kept } = await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id } });
    expect(kept).toMatchObject({ action: "opened", repository: { full_name: REPO }, pull_request: { number: 811, body: `Fixes #${t.issue}` } });
    expect(kept).not.toHaveProperty("sender"); // GitHub sends it; no pull_request handler reads it
    expect(JSON.stringify(kept).length).toBeLessThan(JSON.stringify(payload).length / 10);

    const misshapen = { action: "opened", pull_request: { number: "812" }, repository: { full_name: REPO } };
    const misshapenId = randomUUID();
    expect((await deliver("pull_request", misshapen, { deliveryId: misshapenId })).json.reason).toBe("the payload does not have the expected shape");
    expect((await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id: misshapenId } })).payload).toEqual(misshapen);

    const push = { ref: "refs/heads/main", repository: { full_name: REPO }, sender: { login: "octocat" } };
    const pushId = randomUUID();
    expect((await deliver("push", push, { deliveryId: pushId })).json.reason).toBe("event push is not tracked");
    expect(await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id: pushId } })).toMatchObject({ payload: {}, event: "push", repository: REPO });
  });

  it("records each delivery's outcome: processed with its task (also after two steps), or ignored with the reason", async () => {
    const t = await dispatchedTask();
    const stored = (id: string) => getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id } });
    const send = async (action: string) => {
      const id = randomUUID();
      await deliver("pull_request", pullRequest(action, REPO, { number: 812, body: `Fixes #${t.issue}` }), { deliveryId: id });
      return stored(id);
    };
    const settled = { outcome: "processed", taskId: t.id, reason: null, error: null, processedAt: expect.any(Date) };
    // Merged while the task was dispatched: the PR is opened first, then merged (two changes, the delivery settled with the second).
    expect(await send("merged")).toMatchObject(settled);
    expect((await task(t.id)).events.slice(-2).map((e) => e.type)).toEqual(["pr_opened", "pr_merged"]);
    expect(await send("synchronize")).toMatchObject({ outcome: "ignored", taskId: t.id, reason: "the task is already merged", processedAt: expect.any(Date) });
    const opened = await dispatchedTask();
    const id = randomUUID();
    await deliver("pull_request", pullRequest("opened", REPO, { number: 813, body: `Fixes #${opened.issue}` }), { deliveryId: id });
    expect(await stored(id)).toMatchObject({ ...settled, taskId: opened.id });
  });

  it("stores a delivery whose processing fails, answers 202, and keeps it for retries", async () => {
    const t = await dispatchedTask();
    const payload = pullRequest("opened", REPO, { number: 901, body: `Fixes #${t.issue}` });
    const id = randomUUID();
    // The task write fails (a constraint added for the test), as it would while the database refuses writes.
    await getPrisma().$executeRawUnsafe("ALTER TABLE tasks ADD CONSTRAINT test_no_pr_901 CHECK (github_pr_number <> 901) NOT VALID");
    try {
      const res = await deliver("pull_request", payload, { deliveryId: id });
      expect(res.status).toBe(202);
      expect(res.json).toMatchObject({ accepted: true, retrying: true });
      expect(JSON.stringify(res.json)).not.toMatch(/prisma|sql|constraint|test_no_pr/i); // no internals in the answer
      const stored = await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id } });
      expect(stored).toMatchObject({ outcome: "failed", event: "pull_request", action: "opened", repository: REPO, attempts: 1 });
      expect(stored.error).toBeTruthy();
      expect((await task(t.id)).status).toBe("dispatched");
      // A redelivery from GitHub takes the failed delivery over instead of calling it a duplicate.
      const again = await deliver("pull_request", payload, { deliveryId: id });
      expect(again.json.duplicate).toBeUndefined();
      expect((await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id } })).attempts).toBe(2);
    } finally {
      await getPrisma().$executeRawUnsafe("ALTER TABLE tasks DROP CONSTRAINT test_no_pr_901");
    }
  });

  it("never sends a number no task can have to the database: too large in the text it is passed over, in the payload the delivery is ignored", async () => {
    // The tasks table holds issue and PR numbers as integers; a larger one used to fail the delivery on every retry.
    const t = await dispatchedTask();
    const tooLarge = "99999999999";
    const linked = await deliver(
      "pull_request",
      pullRequest("opened", REPO, { number: 902, body: `Fixes #${tooLarge}, fixes #${t.issue}`, branch: `fix-${tooLarge}` }),
    );
    expect(linked.json).toMatchObject({ ok: true, taskId: t.id });
    expect((await task(t.id)).events.at(-1)).toMatchObject({ type: "pr_opened", payload: { prNumber: 902, linkedBy: "closing_keyword" } });
    const byBranchOnly = await deliver("pull_request", pullRequest("opened", REPO, { number: 903, branch: `claude/issue-${tooLarge}` }));
    expect(byBranchOnly.json.reason).toBe("no task matches pull request #903");

    const other = await dispatchedTask();
    const assigned = inRepo(example("issues", "assigned"), REPO);
    assigned.issue.number = 3_000_000_000;
    for (const [event, payload] of [
      ["pull_request", pullRequest("opened", REPO, { number: 3_000_000_000, body: `Fixes #${other.issue}` })],
      ["issues", assigned],
    ] as const) {
      const id = randomUUID();
      const res = await deliver(event, payload, { deliveryId: id });
      expect(res.status).toBe(202);
      expect(res.json.reason).toBe("the payload does not have the expected shape");
      expect(await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ outcome: "ignored", attempts: 1 });
    }
    expect((await task(other.id)).status).toBe("dispatched");
  });

  it("takes over a delivery a crash left pending, on the retry pass or when GitHub sends it again, but not one being processed", async () => {
    const stale = new Date(Date.now() - 5 * 60_000);
    const cutOff = async (number: number, claimedAt: Date) => {
      const t = await dispatchedTask();
      const id = randomUUID();
      const payload = pullRequest("opened", REPO, { number, body: `Fixes #${t.issue}` });
      await getPrisma().webhookDelivery.create({ data: { id, event: "pull_request", action: "opened", repository: REPO, payload, outcome: "pending", claimedAt } });
      return { id, task: t.id, payload };
    };
    const [onRetry, busy] = [await cutOff(851, stale), await cutOff(853, new Date())];

    await retryFailedDeliveries();
    expect(await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id: onRetry.id } })).toMatchObject({ outcome: "processed", attempts: 2 });
    expect((await task(onRetry.task)).status).toBe("pr_open");
    expect(await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id: busy.id } })).toMatchObject({ outcome: "pending", attempts: 1 });

    // GitHub sending a cut-off one again takes it over at once …
    const onRedelivery = await cutOff(852, stale);
    const again = await deliver("pull_request", onRedelivery.payload, { deliveryId: onRedelivery.id });
    expect(again.json).toMatchObject({ ok: true, taskId: onRedelivery.task });
    expect(await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id: onRedelivery.id } })).toMatchObject({ outcome: "processed", attempts: 2 });
    // … but one being processed right now is a duplicate: it is not processed twice at once.
    const twice = await deliver("pull_request", busy.payload, { deliveryId: busy.id });
    expect(twice.json).toMatchObject({ duplicate: true, outcome: "pending" });
    expect((await task(busy.task)).status).toBe("dispatched");
  });

  it("processes a delivery whose processing failed on the next retry pass", async () => {
    const t = await dispatchedTask();
    const payload = pullRequest("opened", REPO, { number: 842, body: `Fixes #${t.issue}` });
    const id = randomUUID();
    await getPrisma().webhookDelivery.create({
      data: { id, event: "pull_request", action: "opened", repository: REPO, payload, outcome: "failed", error: "database restarted", processedAt: new Date(Date.now() - 60_000) },
    });
    expect(await retryFailedDeliveries()).toBeGreaterThanOrEqual(1);
    expect(await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ outcome: "processed", attempts: 2, error: null });
    expect((await task(t.id)).status).toBe("pr_open");
  });
});

describe("what GitHub would never send", () => {
  // Each answered 500, failed on every retry, or (the deep one, on PGlite) stopped the server.
  const deliverRaw = async (event: string, body: string, deliveryId: string = randomUUID()) =>
    callRoute(webhook, "POST", "/api/webhooks/github", { rawBody: body, headers: await signedHeaders(body, event, deliveryId) });

  it("refuses a delivery id that is not GitHub's kind, and ignores events named like Object's own keys", async () => {
    const long = await deliverRaw("ping", JSON.stringify(example("ping")), "d".repeat(6_000));
    expect(long.status).toBe(400);
    expect(long.json.error.message).toContain("X-GitHub-Delivery");
    for (const event of ["constructor", "__proto__", "toString"]) {
      const res = await deliver(event, inRepo(example("issues", "assigned"), REPO));
      expect(res.status).toBe(202);
      expect(res.json.reason).toBe(`event ${event} is not tracked`);
    }
  });

  it("ignores a payload nested deeper than any of GitHub's, storing none of it, and keeps working", async () => {
    await dispatchedTask(); // the repository is tracked
    const id = randomUUID();
    // Written out: JSON.stringify itself runs out of stack at this depth.
    const deep = `{"action":"opened","repository":{"full_name":"${REPO}"},"x":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const first = await deliverRaw("pull_request", deep, id);
    expect(first.status).toBe(202);
    expect(first.json.reason).toBe("the payload does not have the expected shape");
    const stored = await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ outcome: "ignored", payload: { action: "opened", repository: { full_name: REPO } } });
    expect(stored.payload).not.toHaveProperty("x");
    expect((await deliverRaw("pull_request", deep, id)).json).toMatchObject({ duplicate: true, outcome: "ignored" });
    expect((await deliver("ping", example("ping"))).status).toBe(200);
  });

  it("ignores timestamps no column can hold instead of failing on them at every retry", async () => {
    const t = await dispatchedTask();
    for (const updatedAt of ["garbage", "0000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z"]) {
      const res = await deliver("pull_request", pullRequest("opened", REPO, { number: 912, body: `Fixes #${t.issue}`, updatedAt }));
      expect(res.status).toBe(202);
      expect(res.json.reason).toBe("the payload does not have the expected shape");
    }
    expect((await task(t.id)).status).toBe("dispatched");
  });

  it("mends a lone surrogate in a branch name, so the task's snapshot stays readable to the pipeline's statistics", async () => {
    const t = await dispatchedTask();
    const res = await deliver("pull_request", pullRequest("opened", REPO, { number: 913, body: `Fixes #${t.issue}`, branch: "feat\ud800" }));
    expect(res.json).toMatchObject({ ok: true, taskId: t.id });
    expect((await task(t.id)).githubBranch).toBe("feat\ufffd");
    const stats = await callRoute(pipelineStats, "GET", "/api/stats/pipeline?days=7");
    expect(stats.status).toBe(200);
  });
});

describe("retention", () => {
  const DAY = 24 * 3600_000;
  const now = Date.now();
  /** A delivery received `daysAgo` days before `now`, with its outcome. */
  async function received(daysAgo: number, outcome: "pending" | "processed" | "ignored" | "failed") {
    const id = randomUUID();
    await getPrisma().webhookDelivery.create({
      data: { id, event: "pull_request", action: "opened", repository: REPO, payload: {}, outcome, receivedAt: new Date(now - daysAgo * DAY) },
    });
    return id;
  }
  const stillThere = async (ids: string[]) =>
    (await getPrisma().webhookDelivery.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((d) => d.id).sort();

  it("deletes settled deliveries received before the cut, a batch per statement, and keeps pending and newer ones", async () => {
    const old = [await received(31, "processed"), await received(40, "ignored"), await received(31, "failed")];
    const kept = [await received(45, "pending"), await received(29, "processed"), await received(1, "ignored")];
    expect(await deleteSettledDeliveries(new Date(now - 30 * DAY), 2)).toBe(3);
    expect(await stillThere([...old, ...kept])).toEqual([...kept].sort());
  });

  it("keeps deliveries WEBHOOK_DELIVERY_RETENTION_DAYS days, which may not be under GitHub's 3 days of redelivery", async () => {
    const [sixDays, fourDays] = [await received(6, "processed"), await received(4, "processed")];
    try {
      process.env.WEBHOOK_DELIVERY_RETENTION_DAYS = "2";
      resetEnvCache();
      expect(() => getEnv()).toThrow(/WEBHOOK_DELIVERY_RETENTION_DAYS/);
      process.env.WEBHOOK_DELIVERY_RETENTION_DAYS = "5";
      resetEnvCache();
      expect(await deleteExpiredDeliveries(now)).toBeGreaterThan(0);
      expect(await stillThere([sixDays, fourDays])).toEqual([fourDays]);
    } finally {
      delete process.env.WEBHOOK_DELIVERY_RETENTION_DAYS;
      resetEnvCache();
    }
  });
});
