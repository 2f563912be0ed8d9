// The Docker image without Docker (no engine runs on our machines): the run
// stage of ./Dockerfile is replayed from the build this suite made. Its
// COPY --from=build lines assemble the image's folder, its ENV is the
// environment, and its CMD runs as an unprivileged user (when we are root) with
// the app's files read-only; then its HEALTHCHECK command must pass, the
// database must be migrated at start, and SIGTERM must end it cleanly.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startCommand } from "../helpers/app-server";
import { eventually } from "../helpers/sse-client";

type RunStage = { copies: [string, string][]; env: Record<string, string>; healthcheck: string[]; cmd: string[] };

function runStage(dockerfile: string): RunStage {
  const lines = dockerfile.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.trim());
  const stage = lines.slice(lines.findIndex((l) => /^FROM .* AS run$/i.test(l)));
  const copies = stage.flatMap((l) => {
    const m = /^COPY --from=build (\S+) (\S+)$/.exec(l);
    return m ? [[m[1]!.replace(/^\/app\//, ""), m[2]!] as [string, string]] : [];
  });
  const env = Object.fromEntries(stage.filter((l) => l.startsWith("ENV ")).flatMap((l) => [...l.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])));
  const json = (prefix: RegExp) => JSON.parse(stage.find((l) => prefix.test(l))!.replace(prefix, "")) as string[];
  return { copies, env, healthcheck: json(/^HEALTHCHECK .*?CMD /), cmd: json(/^CMD /) };
}

describe("the Docker image's run stage", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "conduit-image-"));
  const app = path.join(root, "app");
  const data = path.join(root, "data");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("serves from the copied files alone, as an unprivileged user, migrates at start, passes its health check and stops on SIGTERM", async () => {
    const stage = runStage(readFileSync("Dockerfile", "utf8"));
    expect(stage.copies.map(([from]) => from)).toEqual([".next/standalone", ".next/static", "lib/cli/serve.mjs"]);
    // The image runs what `npm start` runs, with the Node flags production needs (lib/cli/serve.mjs says why).
    expect(stage.cmd).toEqual(startCommand());
    expect(stage.cmd).toEqual(expect.arrayContaining(["--no-memory-reducer", "--max-semi-space-size=64"]));
    for (const [from, to] of stage.copies) cpSync(from, path.join(app, to.replace(/\/$/, "") === "." ? "" : to), { recursive: true });

    const asRoot = process.getuid?.() === 0;
    const nobody = asRoot ? Number(execFileSync("id", ["-u", "nobody"]).toString()) : undefined;
    mkdirSync(data);
    if (asRoot) {
      // As in the image: /data is the app's, everything else read-only to it.
      chmodSync(root, 0o755);
      chownSync(data, nobody!, nobody!);
    }
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: "production", // the image's ENV says so too
      PATH: process.env.PATH,
      ...stage.env,
      PORT: String(port),
      PGLITE_DATA_DIR: path.join(data, "pglite"),
      BETTER_AUTH_SECRET: "a-secret-for-the-image-test-only-0123456789",
    };
    const [command, ...args] = stage.cmd;
    const child = spawn(command === "node" ? process.execPath : command!, args, { cwd: app, env, uid: nobody, gid: nobody, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await eventually(async () => (log.includes("Conduit ready") ? true : undefined), `the image's server to start:\n${log}`, 60_000);
      expect(log).toContain("Applied migrations to pglite");

      const [hc, ...hcArgs] = stage.healthcheck;
      const health = spawnSync(hc === "node" ? process.execPath : hc!, hcArgs, { env, encoding: "utf8" });
      expect(health.status).toBe(0);
      const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
      expect(page.status).toBe(200);
      const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await page.text())?.[1];
      expect((await fetch(`http://127.0.0.1:${port}${script}`)).status).toBe(200);
      if (asRoot) expect(log).not.toMatch(/EACCES|EPERM/);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(log).toContain("shutdown complete");
  }, 90_000);
});
