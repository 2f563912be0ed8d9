// The task page in a real browser: a vague task asks its questions inline, the
// answers go in, and the page follows re-analysis to dispatch without a reload.
import { describe, expect, it } from "vitest";
import { apiClient } from "../helpers/api-client";
import { SCREENSHOTS as SHOTS, withBrowserApp } from "../helpers/browser";

describe("the task page in Chromium", () => {
  const app = withBrowserApp({ SEED_DEMO_DATA: "false" });

  it("answers the questions inline and follows the task to dispatch without a reload", async () => {
    const task = await apiClient(app.server.url).createTask("Make the dashboard better");
    const page = await (await app.browser.newContext()).newPage();
    await page.goto(`${app.server.url}/tasks/${task.id}`);
    await page.waitForSelector('[data-connection="connected"]');
    await page.waitForSelector('article[data-status="needs_clarification"]');
    await page.screenshot({ path: `${SHOTS}/task-questions-desktop.png`, fullPage: true });

    const boxes = page.locator('form[aria-label="Answer the questions"] textarea');
    const count = await boxes.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) await boxes.nth(i).fill("The task list should load in under one second");
    await page.getByRole("button", { name: "Send answers" }).click();

    await page.waitForSelector('article[data-status="dispatched"]', { timeout: 5_000 });
    await page.waitForSelector('[data-testid="timeline"] li[data-event-type="dispatched"]');
    const types = await page.locator('[data-testid="timeline"] li').evaluateAll((items) => items.map((li) => li.getAttribute("data-event-type")));
    expect(types).toEqual(["created", "analyzing", "llm_response", "clarification_sent", "clarification_received", "llm_response", "dispatched"]);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: `${SHOTS}/task-dispatched-phone.png`, fullPage: true });
  });

  it("answers an unknown task with the not-found page", async () => {
    const page = await (await app.browser.newContext()).newPage();
    const response = await page.goto(`${app.server.url}/tasks/0193a6d2-7c4e-7000-8000-000000000000`);
    expect(response?.status()).toBe(404);
  });
});
