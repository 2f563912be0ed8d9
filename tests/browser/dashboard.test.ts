// The live dashboard in a real browser: rows appear and change without a
// reload, in every open browser, and nothing is missed across going offline.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACTIVE_STATUSES } from "@/lib/shared/task-status";
import { apiClient } from "../helpers/api-client";
import { SCREENSHOTS as SHOTS, withBrowserApp } from "../helpers/browser";
import { deliverWebhook, pullRequest, WEBHOOK_SECRET } from "../helpers/github-webhooks";

describe("the live dashboard in Chromium", () => {
  const app = withBrowserApp({ SEED_DEMO_DATA: "true", PIPELINE_ENABLED: "false", GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET });
  const rowStatuses = (page: Page) => page.locator("li[data-task-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));

  it("shows a new task and its API- and webhook-driven changes in two browsers within a second, without a reload", async () => {
    const pages = await Promise.all([0, 1].map(async () => (await app.newContext()).newPage()));
    for (const page of pages) {
      await page.goto(app.server.url);
      await page.waitForSelector('[data-connection="connected"]');
    }
    const task = await apiClient(app.server).createTask("Shown live in every open dashboard");
    for (const page of pages) await page.waitForSelector(`[data-task-id="${task.id}"][data-status="received"]`, { timeout: 1_000 });
    await apiClient(app.server).call("DELETE", `/api/tasks/${task.id}`);
    for (const page of pages) await page.waitForSelector(`[data-task-id="${task.id}"][data-status="cancelled"]`, { timeout: 1_000 });

    // A change that comes from GitHub: the demo task with PR #411 is merged.
    const [withPr] = (await apiClient(app.server).call("GET", "/api/tasks?status=pr_open")).json.tasks;
    const merged = pullRequest("merged", "conduit-demo/webapp", { number: withPr.githubPrNumber, body: "Adds table-driven tests" });
    expect(await deliverWebhook(app.server.url, "pull_request", merged)).toBe(200);
    for (const page of pages) await page.waitForSelector(`[data-task-id="${withPr.id}"][data-status="merged"]`, { timeout: 1_000 });
    await pages[0]!.screenshot({ path: `${SHOTS}/dashboard-desktop.png`, fullPage: true });
    for (const page of pages) await page.context().close();
  });

  it("shows the offline banner, then catches up on what happened while offline", async () => {
    const context = await app.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await page.waitForSelector('[data-connection="connected"]');

    await context.setOffline(true);
    await page.waitForSelector('[data-testid="offline-banner"]');
    await page.waitForSelector('[data-connection="disconnected"]');
    const missed = await apiClient(app.server).createTask("Created while the browser was offline");

    await context.setOffline(false);
    await page.waitForSelector('[data-connection="connected"]', { timeout: 10_000 });
    await page.waitForSelector(`[data-task-id="${missed.id}"]`, { timeout: 2_000 });
    expect(await page.locator('[data-testid="offline-banner"]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/dashboard-phone.png`, fullPage: true });
    await context.close();
  });

  it("keeps filters in the URL, highlights a new task and lets a finished one leave the active view", async () => {
    const page = await (await app.newContext()).newPage();
    await page.goto(app.server.url);
    await page.waitForSelector('[data-connection="connected"]');

    await page.getByLabel("Status").selectOption("active");
    await page.waitForURL(/\?status=active$/);
    await page.waitForFunction(() => document.querySelectorAll('li[data-status="merged"]').length === 0);
    expect((await rowStatuses(page)).every((s) => ACTIVE_STATUSES.includes(s as never))).toBe(true);

    const task = await apiClient(app.server).createTask("Enters the active view highlighted");
    await page.waitForSelector(`li[data-task-id="${task.id}"][data-new]`, { timeout: 1_000 });
    await apiClient(app.server).call("DELETE", `/api/tasks/${task.id}`);
    await page.waitForSelector(`li[data-task-id="${task.id}"]`, { state: "detached", timeout: 1_000 });

    await page.getByRole("radio", { name: "My tasks" }).check({ force: true });
    await page.waitForURL(/mine=true/);
    await page.waitForFunction(() => [...document.querySelectorAll("li[data-task-id]")].every((li) => li.textContent!.includes("Test Admin")));
    await page.getByRole("radio", { name: "All" }).check({ force: true });
    await page.waitForURL((url) => !url.searchParams.has("mine"));
    await page.getByLabel("Creator").selectOption("sam");
    await page.waitForURL(/creator=sam/);
    await page.getByRole("searchbox").fill("date-fns");
    await page.getByRole("searchbox").press("Enter");
    await page.waitForURL(/q=date-fns/);
    await page.waitForFunction(() => document.querySelectorAll("li[data-task-id]").length === 1);
    expect(new URL(page.url()).searchParams.getAll("status")).toEqual(["active"]);

    await page.reload(); // the URL alone restores the view
    await page.waitForFunction(() => document.querySelectorAll("li[data-task-id]").length === 1);
    expect(await page.getByLabel("Status").inputValue()).toBe("active");
    expect(await page.getByLabel("Creator").inputValue()).toBe("sam");
    expect(await page.getByRole("searchbox").inputValue()).toBe("date-fns");
    await page.context().close();
  });

  it("pages through more tasks than one page holds", async () => {
    const api = apiClient(app.server);
    const total = (await api.call("GET", "/api/tasks")).json.total as number;
    for (let i = total; i < 23; i++) await api.createTask(`Filler task number ${i} for the second page`);
    const page = await (await app.newContext()).newPage();
    await page.goto(app.server.url);
    expect(await page.locator("li[data-task-id]").count()).toBe(20);
    await page.getByRole("link", { name: "Older →" }).click();
    await page.waitForURL(/page=2/);
    await page.waitForSelector("text=Page 2 of 2");
    expect(await page.locator("li[data-task-id]").count()).toBe((await api.call("GET", "/api/tasks?page=2")).json.tasks.length);
    await page.context().close();
  });

  it("toasts when a pull request is ready for review and when it is merged", async () => {
    const api = apiClient(app.server);
    const [coding] = (await api.call("GET", "/api/tasks?status=coding")).json.tasks;
    const page = await (await app.newContext()).newPage();
    await page.goto(`${app.server.url}/?q=date-fns`); // the demo task may be off page 1 by now
    await page.waitForSelector('[data-connection="connected"]');

    const repo = "conduit-demo/webapp";
    const body = `Closes #${coding.githubIssueNumber}`;
    expect(await deliverWebhook(app.server.url, "pull_request", pullRequest("opened", repo, { number: 420, body, draft: true }))).toBe(200);
    await page.waitForSelector(`li[data-task-id="${coding.id}"][data-status="pr_open"]`, { timeout: 1_000 });
    expect(await page.locator("[data-toast]").count()).toBe(0); // a draft is not ready

    expect(await deliverWebhook(app.server.url, "pull_request", pullRequest("ready_for_review", repo, { number: 420, body }))).toBe(200);
    await page.waitForSelector('[data-toast="pr_ready"]:has-text("PR #420 is ready for review")', { timeout: 1_000 });
    expect(await deliverWebhook(app.server.url, "pull_request", pullRequest("merged", repo, { number: 420, body }))).toBe(200);
    await page.waitForSelector('[data-toast="pr_merged"]:has-text("PR #420 was merged")', { timeout: 1_000 });
    await page.screenshot({ path: `${SHOTS}/dashboard-toasts-desktop.png` });
    await page.locator('[data-toast="pr_merged"]').getByRole("button", { name: "Dismiss" }).click();
    await page.waitForSelector('[data-toast="pr_merged"]', { state: "detached" });
    await page.context().close();
  });
});
