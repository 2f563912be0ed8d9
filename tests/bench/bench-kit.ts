// What both benchmark drivers share (stream-fanout.ts, compare.ts): the clock,
// percentiles, the production build, and collecting client reports.
import { spawnSync, type ChildProcess } from "node:child_process";

export const now = () => performance.timeOrigin + performance.now();
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
export const round = (n: number) => Math.round(n * 10) / 10;

export type Report = { receipts: Record<string, number[]>; errors: number };

/** `next build`, unless skipped; exits the process when the build fails. */
export function buildApp(skip: boolean): void {
  if (skip) return;
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(1);
}

/** A client process (client-kit.mjs) and a way to await its next message of a type. */
export function clientProcess(child: ChildProcess) {
  const next = <T>(type: string) => new Promise<T>((resolve) => child.on("message", (m: { type: string }) => m.type === type && resolve(m as T)));
  /** Asks for reports until `expected` receipts are in, or 30 s pass. */
  const collect = async (expected: number): Promise<Report> => {
    const deadline = now() + 30_000;
    for (;;) {
      const waiting = next<Report>("report");
      child.send({ type: "report" });
      const report = await waiting;
      const delivered = Object.values(report.receipts).reduce((n, list) => n + list.length, 0);
      if (delivered >= expected || now() > deadline) return report;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  return { next, collect, exit: () => child.send({ type: "exit" }) };
}
