// One stream per browser, not per tab: eight tabs over HTTP/1.1 (six
// connections per host) all stay live, and when the tab holding the stream
// closes, another takes over and resumes without missing an event.
import type { Page } from "playwright-core";
import { describe, expect, it, vi } from "vitest";
import { apiClient } from "../helpers/api-client";
import { withBrowserApp } from "../helpers/browser";

describe("tabs of one browser in Chromium", () => {
  const app = withBrowserApp({ SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false" });

  it("shares one stream among eight tabs, and hands it over when the leading tab closes", async () => {
    const api = apiClient(app.server);
    const context = await app.newContext();
    const tabs: Page[] = [];
    for (let i = 0; i < 8; i++) {
      const tab = await context.newPage();
      // With a stream per tab, the seventh tab's page load itself would wait for a free connection.
      await tab.goto(app.server.url, { timeout: 10_000 });
      await tab.waitForSelector('[data-connection="connected"]');
      tabs.push(tab);
    }
    expect((await api.health()).stream.connections).toBe(1);

    const first = await api.createTask("Seen by all eight tabs at once");
    for (const tab of tabs) await tab.waitForSelector(`[data-task-id="${first.id}"]`, { timeout: 2_000 });

    // The first tab took the lock; close it and write while the lead moves.
    await tabs[0]!.close();
    const during = await api.createTask("Created while another tab takes the stream over");
    for (const tab of tabs.slice(1)) await tab.waitForSelector(`[data-task-id="${during.id}"]`, { timeout: 5_000 });
    const after = await api.createTask("Created after the takeover");
    for (const tab of tabs.slice(1)) await tab.waitForSelector(`[data-task-id="${after.id}"]`, { timeout: 2_000 });
    for (const tab of tabs.slice(1)) expect(await tab.getAttribute("[data-connection]", "data-connection")).toBe("connected");
    await vi.waitFor(async () => expect((await api.health()).stream.connections).toBe(1), { timeout: 5_000, interval: 100 });
    await context.close();
  });

  it("joins a follower tab's topics: a task page opened beside the dashboard follows its task", async () => {
    const api = apiClient(app.server);
    const task = await api.createTask("Followed from a second tab");
    const context = await app.newContext();
    const dashboard = await context.newPage();
    await dashboard.goto(app.server.url);
    await dashboard.waitForSelector('[data-connection="connected"]');
    const taskTab = await context.newPage();
    await taskTab.goto(`${app.server.url}/tasks/${task.id}`);
    await taskTab.waitForSelector('[data-connection="connected"]');
    await vi.waitFor(async () => expect((await api.health()).stream.subscriptions[`task:${task.id}`]).toBe(1), { timeout: 5_000, interval: 100 });

    await api.call("DELETE", `/api/tasks/${task.id}`);
    await taskTab.waitForSelector('article[data-status="cancelled"]', { timeout: 2_000 });
    await taskTab.waitForSelector('[data-testid="timeline"] li[data-event-type="cancelled"]');
    await dashboard.waitForSelector(`[data-task-id="${task.id}"][data-status="cancelled"]`);
    expect((await api.health()).stream.connections).toBe(1);
    await context.close();
  });
});
