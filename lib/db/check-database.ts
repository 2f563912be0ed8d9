import { getDatabase } from "./prisma";

export type DatabaseHealth =
  | { ok: true; kind: string; latencyMs: number }
  | { ok: false; kind: string; error: string };

/** A trivial query with a deadline: health must answer even when the database hangs. */
export async function checkDatabase(timeoutMs = 3_000): Promise<DatabaseHealth> {
  const { prisma, connection } = getDatabase();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, kind: connection.kind, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, kind: connection.kind, error: error instanceof Error ? error.message.split("\n")[0]! : "unknown" };
  } finally {
    clearTimeout(timer);
  }
}
