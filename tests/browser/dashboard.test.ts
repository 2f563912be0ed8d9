// The live dashboard in a real browser: rows appear and change without a
// reload, in every open browser, and nothing is missed across going offline.
import { mkdir } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../helpers/api-client";
import { makeAppDatabase } from "../helpers/app-database";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { launchBrowser } from "../helpers/browser";

const SHOTS = "tests/results/screenshots";

describe("the live dashboard in Chromium", () => {
  let server: AppServer;
  let cleanup: () => Promise<void>;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    const db = await makeAppDatabase();
    cleanup = db.cleanup;
    server = await startAppServer({ ...db.env, SEED_DEMO_DATA: "true", PIPELINE_ENABLED: "false" });
    api = apiClient(server.url);
    browser = await launchBrowser();
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await cleanup?.();
  });

  it("shows a new task and its changes in two browsers within a second, without a reload", async () => {
    const pages = await Promise.all([0, 1].map(async () => (await browser.newContext()).newPage()));
    for (const page of pages) {
      await page.goto(server.url);
      await page.waitForSelector('[data-connection="connected"]');
    }
    const task = await api.createTask("Shown live in every open dashboard");
    for (const page of pages) await page.waitForSelector(`[data-task-id="${task.id}"][data-status="received"]`, { timeout: 1_000 });
    await api.call("DELETE", `/api/tasks/${task.id}`);
    for (const page of pages) await page.waitForSelector(`[data-task-id="${task.id}"][data-status="cancelled"]`, { timeout: 1_000 });
    await pages[0]!.screenshot({ path: `${SHOTS}/dashboard-desktop.png`, fullPage: true });
    for (const page of pages) await page.context().close();
  });

  it("shows the offline banner, then catches up on what happened while offline", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-connection="connected"]');

    await context.setOffline(true);
    await page.waitForSelector('[data-testid="offline-banner"]');
    await page.waitForSelector('[data-connection="disconnected"]');
    const missed = await api.createTask("Created while the browser was offline");

    await context.setOffline(false);
    await page.waitForSelector('[data-connection="connected"]', { timeout: 10_000 });
    await page.waitForSelector(`[data-task-id="${missed.id}"]`, { timeout: 2_000 });
    expect(await page.locator('[data-testid="offline-banner"]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/dashboard-phone.png`, fullPage: true });
    await context.close();
  });
});
