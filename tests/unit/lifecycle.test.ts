import { describe, expect, it } from "vitest";
import { trackWork, workFinished, workInFlight } from "@/lib/startup/lifecycle";

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("tracked work", () => {
  it("passes the work's result through and forgets it once settled, failed or not", async () => {
    expect(await trackWork(later(5, "done"))).toBe("done");
    await expect(trackWork(Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(workInFlight()).toBe(0);
  });

  it("waits for work started by tracked work, and reports work still running at the deadline", async () => {
    let inner: Promise<string> | undefined;
    void trackWork(later(10, null).then(() => (inner = trackWork(later(30, "inner")))));
    expect(await workFinished(Date.now() + 5_000)).toBe(true);
    expect(await inner).toBe("inner");

    void trackWork(later(2_000, null));
    expect(await workFinished(Date.now() + 20)).toBe(false);
    expect(workInFlight()).toBe(1);
  });
});
