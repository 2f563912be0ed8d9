// Builds the app once before the end-to-end files run, so they test the code as
// it is now. E2E_SKIP_BUILD=1 reuses a build made just before (CI does).
import { spawnSync } from "node:child_process";

export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === "1") return;
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
}
