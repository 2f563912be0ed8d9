// Starts the built app as production runs it (`npm start`: lib/cli/serve.mjs,
// or `next start` with via: "next-start", where streams take the route
// handler) on a free port, as a separate process with its own environment,
// and waits until /api/health answers.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { adminKey } from "./accounts";

export type AppServer = {
  url: string;
  pid: number;
  /** An API key of the install's admin account (see accounts.ts). */
  key: string;
  output: () => string;
  /** SIGTERM and wait for the exit. */
  stop: () => Promise<void>;
  /** Settles with the exit code (null after a signal killed it) once the process has exited. */
  exited: Promise<number | null>;
  /** SIGKILL: the process dies without any clean-up, as in a crash. */
  kill: () => Promise<void>;
};

/** Production refuses to start without a secret; tests use this one. */
export const TEST_AUTH_SECRET = "test-secret-for-the-end-to-end-suites-only";

// Ports handed out so far: the probe is closed before the port is used, so the
// system may offer the same one again (a bench took it for a server and for
// that server's inspector in a row, and the server could not listen).
const handedOut = new Set<number>();

/** `npm start`'s command (package.json), Node's flags included: suites and the bench run what production runs. */
export function startCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } };
  return scripts.start.split(" ");
}

export async function freePort(): Promise<number> {
  for (;;) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

export async function startAppServer(
  env: Record<string, string | undefined>,
  {
    timeoutMs = 60_000,
    nodeArgs = [] as string[],
    via = "serve" as "serve" | "next-start",
    /** Run in this folder (the app's files linked in) rather than the repository's, with the port in its .env file instead of -p. */
    folder = undefined as string | undefined,
  } = {},
): Promise<AppServer> {
  const port = await freePort();
  // nodeArgs go after production's own flags, so that a run can override one (`--memory-reducer`).
  const [, ...startArgs] = startCommand();
  const args = via === "serve" ? [...startArgs.slice(0, -1), ...nodeArgs, startArgs.at(-1)!] : [...nodeArgs, "node_modules/next/dist/bin/next", "start"];
  if (folder) await appendFile(path.join(folder, ".env"), `PORT=${port}\n`);
  const child = spawn(process.execPath, [...args, ...(folder ? [] : ["-p", String(port)]), "-H", "127.0.0.1"], {
    cwd: folder,
    env: {
      ...process.env,
      PORT: undefined,
      NODE_ENV: "production",
      DATABASE_URL: undefined,
      PGLITE_DATA_DIR: undefined,
      BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
      APP_URL: `http://127.0.0.1:${port}`,
      TASKS_PER_MINUTE: "100000", // suites write fast; the limit itself is tested in-process
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, timeoutMs, () => log);
  const key = await adminKey(url).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { url, pid: child.pid!, key, output: () => log, exited, stop: () => stopProcess(child), kill: () => stopProcess(child, "SIGKILL") };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log()}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
