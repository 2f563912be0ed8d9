// The operator's pages in a real browser: webhook deliveries with their
// outcome and a reprocess action (admins only), and the pipeline figures,
// which follow the live stream.
import { describe, expect, it } from "vitest";
import { apiClient } from "../helpers/api-client";
import { createMember, MEMBER_PASSWORD } from "../helpers/accounts";
import { SCREENSHOTS as SHOTS, signedInContext, withBrowserApp } from "../helpers/browser";
import { deliverWebhook, pullRequest, WEBHOOK_SECRET } from "../helpers/github-webhooks";

describe("operations pages in Chromium", () => {
  const app = withBrowserApp({ SEED_DEMO_DATA: "true", PIPELINE_ENABLED: "false", GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET });

  it("lists deliveries for an admin and reprocesses one, showing its new outcome; members get 404", async () => {
    // Ignored when it comes: no task has pull request #9090 yet …
    const payload = pullRequest("opened", "conduit-demo/webapp", { number: 9090, body: "A PR for a task that is not linked yet" });
    expect(await deliverWebhook(app.server.url, "pull_request", payload)).toBe(202);
    const page = await (await app.newContext()).newPage();
    await page.goto(`${app.server.url}/admin/deliveries`);
    const row = page.locator('li[data-delivery-id][data-outcome="ignored"]').first();
    await expect.poll(() => row.textContent()).toContain("pull_request.opened");
    // … reprocessed, it is looked at again and still ignored, one attempt more.
    await row.getByRole("button", { name: "Reprocess" }).click();
    await expect.poll(() => row.textContent(), { timeout: 5_000 }).toContain("2 attempts");
    await page.screenshot({ path: `${SHOTS}/admin-deliveries.png`, fullPage: true });

    await page.getByRole("link", { name: "failed" }).click();
    await page.waitForURL(/outcome=failed$/);
    await page.getByText("No deliveries yet.").waitFor();

    const member = await createMember(app.server.url, app.server.key, "mona");
    const memberPage = await (await signedInContext(app.browser, app.server.url, {}, member.login, MEMBER_PASSWORD)).newPage();
    const response = await memberPage.goto(`${app.server.url}/admin/deliveries`);
    expect(response?.status()).toBe(404);
  });

  it("shows the pipeline figures and updates them live when a pull request is merged", async () => {
    const page = await (await app.newContext()).newPage();
    await page.goto(`${app.server.url}/pipeline`);
    await page.waitForSelector('[data-connection="connected"]');
    const successRate = page.getByTestId("success-rate");
    const before = await successRate.textContent();
    expect(await page.locator("svg[role=img] rect").count()).toBeGreaterThan(0);

    const [withPr] = (await apiClient(app.server).call("GET", "/api/tasks?status=pr_open")).json.tasks;
    const merged = pullRequest("merged", "conduit-demo/webapp", { number: withPr.githubPrNumber, body: "Adds table-driven tests" });
    expect(await deliverWebhook(app.server.url, "pull_request", merged)).toBe(200);
    const after = (await apiClient(app.server).call("GET", "/api/stats/pipeline")).json;
    await expect.poll(() => successRate.textContent(), { timeout: 5_000 }).toContain(`${after.finished.merged} merged`);
    expect(await successRate.textContent()).not.toBe(before);
    await page.screenshot({ path: `${SHOTS}/pipeline.png`, fullPage: true });
  });
});
