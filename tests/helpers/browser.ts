// Debian's Chromium driven by playwright-core (no browser download), and the
// set-up the browser suites share: an app server on its own database.
import { mkdir } from "node:fs/promises";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { makeAppDatabase } from "./app-database";
import { startAppServer, type AppServer } from "./app-server";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = "tests/results/screenshots";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
  });
}

/** Starts `next start` with `env` and a browser for the file's tests; both end with the file. */
export function withBrowserApp(env: Record<string, string>) {
  const state = {} as { server: AppServer; browser: Browser; cleanup: () => Promise<void> };
  beforeAll(async () => {
    const db = await makeAppDatabase();
    state.cleanup = db.cleanup;
    state.server = await startAppServer({ ...db.env, ...env });
    state.browser = await launchBrowser();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.stop();
    await state.cleanup?.();
  });
  return state;
}
