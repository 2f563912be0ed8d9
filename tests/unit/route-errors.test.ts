import { afterEach, describe, expect, it, vi } from "vitest";
import { publicRoute } from "@/lib/http/route";
import { log } from "@/lib/observability/log";
import { AppError } from "@/lib/shared/api-error";

// The error half of the wrapper; authentication is tested with real routes (tests/integration/auth.test.ts).
const call = (handler: Parameters<typeof publicRoute>[0]) =>
  publicRoute(handler)(new Request("http://test/api/x", { method: "POST" }), { params: Promise.resolve({}) });

afterEach(() => vi.restoreAllMocks());

describe("route wrapper", () => {
  it("answers an AppError with its status and the shared body", async () => {
    const res = await call(async () => {
      throw new AppError("conflict", "A task cannot move from merged to failed", { from: "merged" });
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: "conflict", message: "A task cannot move from merged to failed", details: { from: "merged" } },
    });
  });

  it("answers an unexpected error with 500 and no internals, and logs it", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    const res = await call(async () => {
      throw new Error("password=hunter2 at /srv/app/lib/secret.ts:12");
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("secret.ts");
    expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: expect.any(String) } });
    expect(logged).toHaveBeenCalledOnce();
  });

  it("answers a lost database connection with 503 and Retry-After", async () => {
    const res = await call(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect((await res.json()).error.code).toBe("unavailable");
  });
});
