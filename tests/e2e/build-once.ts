// Builds the app once before the end-to-end files run, so they test the code as
// it is now. E2E_SKIP_BUILD=1 reuses a build made just before (CI does).
import { execFileSync } from "node:child_process";

export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === "1") return;
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
}
