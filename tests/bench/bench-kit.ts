// What the benchmark's parts share: the clock, percentiles, the production
// build, a server process's CPU time, and groups of client processes.
import { fork, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import WebSocket from "ws";

export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
/** One decimal by default; two for the small CPU figures, whose second decimal is measured. */
export const round = (n: number, decimals = 1) => Math.round(n * 10 ** decimals) / 10 ** decimals;
export const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

/** `next build`, unless skipped; exits the process when the build fails. */
export function buildApp(skip: boolean): void {
  if (skip) return;
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(1);
}

/** Node flags that make a server write a V8 CPU profile into `dir` when it exits (the tools' --cpu-prof). */
export const cpuProfArgs = (dir: string | undefined): string[] => (dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []);

/** A process's name, and the user plus system CPU seconds it has used so far (Linux /proc; clock ticks are 1/100 s there). */
function processStat(pid: number): { name: string; cpuSeconds: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const nameEnd = stat.lastIndexOf(")"); // the name is in parentheses and may hold any character
  const fields = stat.slice(nameEnd + 2).split(" ");
  return { name: stat.slice(stat.indexOf("(") + 1, nameEnd), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100 }; // utime, stime (fields 14 and 15)
}

/** User plus system CPU seconds a process has used so far. */
export const cpuSeconds = (pid: number): number => processStat(pid).cpuSeconds;

/** CPU seconds used so far by every process of this name (PostgreSQL's backends are all "postgres"), by pid. */
export function cpuSecondsByName(name: string): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = processStat(Number(entry));
      if (stat.name === name) byPid.set(Number(entry), stat.cpuSeconds);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byPid;
}

/**
 * A process's anonymous resident memory (heap, buffers, sockets' state), from
 * /proc. Not the whole RSS: this machine's kernel reclaims cold file-backed
 * pages (mapped code, PGlite's files) at any moment, which made RSS fall by
 * hundreds of MB between two readings.
 */
export function anonymousRssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^RssAnon:\s+(\d+) kB$/m);
  if (!line) throw new Error(`no RssAnon for process ${pid}`);
  return Number(line[1]) * 1024;
}

/**
 * One DevTools protocol command to a server started with --inspect=<port>;
 * `onEvent` sees the events it sends before its answer (a heap snapshot's chunks).
 */
export async function inspectorCommand(inspectPort: number, method: string, onEvent?: (method: string, params: unknown) => void): Promise<void> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  await new Promise<void>((resolve) => {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { id?: number; method?: string; params?: unknown };
      if (message.id === 1) resolve(); // the answer to the one command sent
      else if (message.method) onEvent?.(message.method, message.params);
    });
    socket.send(JSON.stringify({ id: 1, method }));
  });
  socket.close();
}

/**
 * A full garbage collection in the server, so memory readings compare live
 * objects rather than whatever garbage start-up left for the collector.
 */
export const collectGarbage = (inspectPort: number) => inspectorCommand(inspectPort, "HeapProfiler.collectGarbage");

export type Receipts = Record<string, number[]>;

// One client process holds at most this many connections, so each stays well
// under its open-files limit and its own event loop keeps up.
const PER_PROCESS = 2_500;

/**
 * `total` connections spread over client processes running `script` (which
 * takes `[...args, count]`). Resolves once every connection is ready.
 */
export async function clientGroup(script: string, args: string[], total: number) {
  const counts: number[] = [];
  for (let left = total; left > 0; left -= PER_PROCESS) counts.push(Math.min(PER_PROCESS, left));
  const children = counts.map((count) => fork(script, [...args, String(count)]));
  const ask = <T>(child: (typeof children)[number], type: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off("message", onMessage);
        resolve(m as T);
      };
      child.on("message", onMessage);
      if (type !== "connected") child.send({ type });
    });
  const connected = await Promise.all(
    children.map((c) => ask<{ connectMs: number[]; errors: number; failures: Record<string, number> }>(c, "connected")),
  );
  const connectFailures: Record<string, number> = {};
  for (const [reason, n] of connected.flatMap((c) => Object.entries(c.failures))) connectFailures[reason] = (connectFailures[reason] ?? 0) + n;
  return {
    /** The client processes, for their CPU time. */
    pids: children.map((c) => c.pid!),
    connectMs: connected.flatMap((c) => c.connectMs),
    /** Connections that failed to open (refused, reset, or answered without a stream). */
    connectErrors: connected.reduce((n, c) => n + c.errors, 0),
    /** Why they failed: reason (an HTTP status, a socket error's code) -> count. */
    connectFailures,
    /** Waits until `expected` receipts are in (or `timeoutMs` passes), then gathers them. */
    async collect(expected: number, timeoutMs = 30_000): Promise<{ receipts: Receipts[]; errors: number }> {
      const deadline = now() + timeoutMs;
      for (;;) {
        const counts = await Promise.all(children.map((c) => ask<{ received: number }>(c, "count")));
        if (counts.reduce((n, c) => n + c.received, 0) >= expected || now() > deadline) break;
        await sleep(250);
      }
      const reports = await Promise.all(children.map((c) => ask<{ receipts: Receipts; errors: number }>(c, "report")));
      return { receipts: reports.map((r) => r.receipts), errors: reports.reduce((n, r) => n + r.errors, 0) };
    },
    exit: () => children.forEach((c) => c.connected && c.send({ type: "exit" })),
  };
}
