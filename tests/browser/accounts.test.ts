// Signing in and out in a real browser, API keys made on the page, and a task
// made private disappearing from another person's open dashboard and task page.
import { describe, expect, it } from "vitest";
import { ADMIN, createMember, MEMBER_PASSWORD } from "../helpers/accounts";
import { apiClient, bearer } from "../helpers/api-client";
import { SCREENSHOTS as SHOTS, signedInContext, withBrowserApp } from "../helpers/browser";

describe("accounts in Chromium", () => {
  const app = withBrowserApp({ SEED_DEMO_DATA: "false", PIPELINE_ENABLED: "false" });

  it("sends a visitor to sign in, signs in with login and password, and out again", async () => {
    const context = await app.browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await page.waitForURL(/\/sign-in$/);
    await page.screenshot({ path: `${SHOTS}/sign-in-phone.png` });
    await page.getByLabel("Login or email").fill(ADMIN.username);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();

    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.server.url}/`);
    await page.waitForSelector('[data-connection="connected"]');

    await page.getByLabel(/Account of/).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(app.server.url);
    await page.waitForURL(/\/sign-in$/);
    await context.close();
  });

  it("creates an API key on the page, shown once, that works until revoked", async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(`${app.server.url}/account`);
    await page.getByLabel("Name").fill("laptop script");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^cdt_/);
    const list = () => fetch(`${app.server.url}/api/tasks`, { headers: bearer(key) });
    expect((await list()).status).toBe(200);

    await page.reload(); // shown once: gone after a reload, listed by its start only
    expect(await page.getByTestId("new-api-key").count()).toBe(0);
    await page.getByText(key.slice(0, 10)).waitFor();
    await page.locator("li", { hasText: "laptop script" }).getByRole("button", { name: "Revoke" }).click();
    await page.locator("li", { hasText: "laptop script" }).waitFor({ state: "detached" });
    expect((await list()).status).toBe(401);
    await context.close();
  });

  it("removes a task made private from another member's open dashboard and task page", async () => {
    const member = await createMember(app.server.url, app.server.key, "viewer");
    const task = await apiClient(app.server).createTask("Soon to be private: hiring plan");
    const context = await signedInContext(app.browser, app.server.url, {}, member.login, MEMBER_PASSWORD);
    const dashboard = await context.newPage();
    await dashboard.goto(app.server.url);
    await dashboard.waitForSelector(`li[data-task-id="${task.id}"]`);
    const taskPage = await context.newPage();
    await taskPage.goto(`${app.server.url}/tasks/${task.id}`);
    await taskPage.waitForSelector(`article[data-task-id="${task.id}"]`);
    expect(await taskPage.getByRole("button", { name: "Cancel task" }).count()).toBe(0); // not theirs to change

    await apiClient(app.server).call("PATCH", `/api/tasks/${task.id}`, { isPrivate: true });
    await dashboard.waitForSelector(`li[data-task-id="${task.id}"]`, { state: "detached", timeout: 2_000 });
    await taskPage.getByTestId("task-revoked").waitFor({ timeout: 2_000 });
    await context.close();
  });
});
