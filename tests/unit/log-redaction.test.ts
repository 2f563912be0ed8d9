// What the server's logger (lib/observability/log.ts) leaves out of a line.
import { Writable } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { LOG_OPTIONS } from "@/lib/observability/log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino(LOG_OPTIONS, stream), lines };
}

describe("the server's log", () => {
  const db = new PGlite();
  afterAll(() => db.close());

  it("keeps a failed statement's parameters out of an error, with its message and statement", async () => {
    const failed = await db.query("SELECT $1::int AS n, $2::text AS token", [3_000_000_000, "session-token-abc"]).catch((e: unknown) => e);
    const { logger, lines } = capture();
    logger.error({ err: failed }, "statement failed");
    const [line] = lines;
    expect(JSON.stringify(line)).not.toContain("session-token-abc");
    expect(line).toMatchObject({ msg: "statement failed", err: { message: expect.stringContaining("out of range"), query: expect.stringContaining("SELECT"), params: "[redacted]" } });
  });

  it("censors secrets and webhook payloads wherever they sit one level down", () => {
    const { logger, lines } = capture();
    logger.info({ request: { authorization: "Bearer k", cookie: "s=1" }, delivery: { payload: { body: "x" } }, account: { apiKey: "ck_1" } }, "m");
    expect(lines[0]).toMatchObject({
      request: { authorization: "[redacted]", cookie: "[redacted]" },
      delivery: { payload: "[redacted]" },
      account: { apiKey: "[redacted]" },
    });
  });
});
