// The live dashboard in a real browser: rows appear and change without a
// reload, in every open browser, and nothing is missed across going offline.
import { describe, expect, it } from "vitest";
import { apiClient } from "../helpers/api-client";
import { SCREENSHOTS as SHOTS, withBrowserApp } from "../helpers/browser";

describe("the live dashboard in Chromium", () => {
  const app = withBrowserApp({ SEED_DEMO_DATA: "true", PIPELINE_ENABLED: "false" });

  it("shows a new task and its changes in two browsers within a second, without a reload", async () => {
    const pages = await Promise.all([0, 1].map(async () => (await app.browser.newContext()).newPage()));
    for (const page of pages) {
      await page.goto(app.server.url);
      await page.waitForSelector('[data-connection="connected"]');
    }
    const task = await apiClient(app.server.url).createTask("Shown live in every open dashboard");
    for (const page of pages) await page.waitForSelector(`[data-task-id="${task.id}"][data-status="received"]`, { timeout: 1_000 });
    await apiClient(app.server.url).call("DELETE", `/api/tasks/${task.id}`);
    for (const page of pages) await page.waitForSelector(`[data-task-id="${task.id}"][data-status="cancelled"]`, { timeout: 1_000 });
    await pages[0]!.screenshot({ path: `${SHOTS}/dashboard-desktop.png`, fullPage: true });
    for (const page of pages) await page.context().close();
  });

  it("shows the offline banner, then catches up on what happened while offline", async () => {
    const context = await app.browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await page.waitForSelector('[data-connection="connected"]');

    await context.setOffline(true);
    await page.waitForSelector('[data-testid="offline-banner"]');
    await page.waitForSelector('[data-connection="disconnected"]');
    const missed = await apiClient(app.server.url).createTask("Created while the browser was offline");

    await context.setOffline(false);
    await page.waitForSelector('[data-connection="connected"]', { timeout: 10_000 });
    await page.waitForSelector(`[data-task-id="${missed.id}"]`, { timeout: 2_000 });
    expect(await page.locator('[data-testid="offline-banner"]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/dashboard-phone.png`, fullPage: true });
    await context.close();
  });
});
