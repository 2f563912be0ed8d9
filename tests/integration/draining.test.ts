// While the process drains for a shutdown (lib/startup/shutdown.ts), new
// streams are refused with the API's error shape and a Retry-After, and
// health tells load balancers to send traffic elsewhere. (The whole shutdown
// of a running server: tests/e2e/shutdown.test.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as stream } from "@/app/api/stream/route";
import { startDraining } from "@/lib/startup/lifecycle";
import { callRoute } from "../helpers/call-route";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

describe("a draining server", () => {
  beforeAll(() => startDraining()); // this file's process only

  it("refuses a new stream with 503, Retry-After and the error shape", async () => {
    const res = await callRoute(stream, "GET", "/api/stream?topic=dashboard");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.json).toEqual({
      error: { code: "unavailable", message: expect.stringContaining("shutting down"), details: { retryAfter: 1 } },
    });
  });

  it("answers health with 503 draining", async () => {
    const res = await health();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "draining" });
  });
});
