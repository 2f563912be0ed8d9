// Debian's Chromium driven by playwright-core (no browser download), and the
// set-up the browser suites share: an app server on its own database.
import { mkdir } from "node:fs/promises";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { ADMIN } from "./accounts";
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

/** A browser context signed in (session cookie) as `username`, the admin by default. */
export async function signedInContext(browser: Browser, url: string, options: BrowserContextOptions = {}, username = ADMIN.username, password = ADMIN.password): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const res = await context.request.post(`${url}/api/auth/sign-in/username`, { data: { username, password }, headers: { origin: url } });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
  return context;
}

/** Starts the production server with `env` and a browser for the file's tests; both end with the file. */
export function withBrowserApp(env: Record<string, string>) {
  const state = {} as {
    server: AppServer;
    browser: Browser;
    cleanup: () => Promise<void>;
    /** A new context signed in as the admin. */
    newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  };
  state.newContext = (options) => signedInContext(state.browser, state.server.url, options);
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
