// The task page in a real browser: a vague task asks its questions inline, the
// answers go in, and the page follows re-analysis to dispatch without a reload.
import { describe, expect, it, vi } from "vitest";
import { apiClient } from "../helpers/api-client";
import { SCREENSHOTS as SHOTS, withBrowserApp } from "../helpers/browser";

describe("the task page in Chromium", () => {
  const app = withBrowserApp({ SEED_DEMO_DATA: "false" });

  it("answers the questions inline and follows the task to dispatch without a reload", async () => {
    const task = await apiClient(app.server).createTask("Make the dashboard better");
    const page = await (await app.newContext()).newPage();
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
    const page = await (await app.newContext()).newPage();
    const response = await page.goto(`${app.server.url}/tasks/0193a6d2-7c4e-7000-8000-000000000000`);
    expect(response?.status()).toBe(404);
  });

  it("lets the agent be chosen before dispatch, live, and dispatches to it", async () => {
    const api = apiClient(app.server);
    const task = await api.createTask("Make the settings page better");
    const page = await (await app.newContext()).newPage();
    await page.goto(`${app.server.url}/tasks/${task.id}`);
    await page.waitForSelector('article[data-status="needs_clarification"]');
    await page.waitForSelector("text=Analysis"); // the analysis arrived live or with the page

    await page.getByLabel("Agent").selectOption("codex");
    await page.waitForSelector('[data-testid="timeline"] li[data-event-type="agent_chosen"]');
    expect(await page.getByLabel("Agent").inputValue()).toBe("codex");

    // Another tab (here: the API) changes it back: the page follows.
    await api.call("PATCH", `/api/tasks/${task.id}`, { agent: "copilot" });
    await page.waitForFunction(() => (document.querySelector("select") as HTMLSelectElement | null)?.value === "copilot");

    const boxes = page.locator('form[aria-label="Answer the questions"] textarea');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).fill("The settings page, all sections");
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForSelector('article[data-status="dispatched"]', { timeout: 5_000 });
    expect(await page.getByLabel("Agent").count()).toBe(0); // too late to choose
    const events = (await api.call("GET", `/api/tasks/${task.id}`)).json.events as { type: string; payload: { agent?: string } }[];
    expect(events.find((e) => e.type === "dispatched")!.payload.agent).toBe("copilot");
  });

  it("keeps the timeline at the newest event unless the reader has scrolled up", async () => {
    const api = apiClient(app.server);
    const task = await api.createTask("Make the billing page better");
    const page = await (await app.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${app.server.url}/tasks/${task.id}`);
    await page.waitForSelector('article[data-status="needs_clarification"]');
    const timeline = page.getByTestId("timeline");
    const eventCount = () => timeline.locator("li").count();
    // Each choice differs from the one before (choosing the current agent again records nothing).
    let choices = 0;
    const addEvents = async (n: number) => {
      const before = await eventCount();
      for (let i = 0; i < n; i++) await api.call("PATCH", `/api/tasks/${task.id}`, { agent: choices++ % 2 ? "codex" : "copilot" });
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid="timeline"] li').length === count, before + n);
    };
    const gapToBottom = () => timeline.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    // As a reader scrolls: resolves once the page has handled the scroll event, which
    // Chromium dispatches a frame after scrollTo (the timeline decides whether to follow in it).
    const scrollTo = (where: "top" | "bottom") =>
      timeline.evaluate(
        (el, to) =>
          new Promise<void>((resolve) => {
            el.addEventListener("scroll", () => resolve(), { once: true });
            el.scrollTo({ top: to === "top" ? 0 : el.scrollHeight });
          }),
        where,
      );

    await addEvents(30);
    expect(await timeline.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await vi.waitFor(async () => expect(await gapToBottom()).toBeLessThan(2), { timeout: 2_000 });

    await scrollTo("top");
    await addEvents(3);
    expect(await timeline.evaluate((el) => el.scrollTop)).toBe(0); // the reader stays where they were

    await scrollTo("bottom");
    await addEvents(3);
    await vi.waitFor(async () => expect(await gapToBottom()).toBeLessThan(2), { timeout: 2_000 });
  });
});
