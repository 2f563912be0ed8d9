// The new-task form in a real browser: errors beside the fields, then the task
// page, following the new task live.
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, withBrowserApp } from "../helpers/browser";

describe("the new-task form in Chromium", () => {
  const app = withBrowserApp({ SEED_DEMO_DATA: "false" }); // the pipeline runs

  it("shows errors beside the fields, then creates the task and opens its page", async () => {
    const page = await (await app.newContext()).newPage();
    await page.goto(`${app.server.url}/tasks/new`);
    await page.getByRole("button", { name: "Create task" }).click();
    await page.waitForSelector("#description-error");
    expect(await page.locator("#description-error").textContent()).toContain("at least 10 characters");

    await page.getByLabel("What should the agent do?").fill(
      "Add CSV export to the invoices table in src/invoices/table.tsx; it must use the screen's filters.",
    );
    await page.getByLabel("Repository (owner/name)").fill("not a repo");
    await page.getByRole("button", { name: "Create task" }).click();
    await page.waitForSelector("#repo-error");
    expect(await page.locator("#description-error").count()).toBe(0);

    await page.getByLabel("Repository (owner/name)").fill("acme/web");
    await page.getByLabel("Priority").selectOption("high");
    await page.getByRole("button", { name: "Create task" }).click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    await page.waitForSelector('article[data-status="dispatched"]', { timeout: 10_000 });
    expect(await page.locator("article h1").textContent()).toContain("Add CSV export");
    await page.goto(`${app.server.url}/tasks/new`);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: `${SCREENSHOTS}/new-task-phone.png`, fullPage: true });
  });
});
