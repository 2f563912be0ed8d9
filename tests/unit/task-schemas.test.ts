import { describe, expect, it } from "vitest";
import { clarifyTaskSchema, createTaskSchema, listTasksQuerySchema } from "@/lib/shared/task-schemas";

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("createTaskSchema", () => {
  it("accepts a description alone and trims it", () => {
    const result = createTaskSchema.parse({ description: "   Fix the flaky login test   " });
    expect(result.description).toBe("Fix the flaky login test");
    expect(result.repo).toBeUndefined();
  });

  it.each([
    ["too short after trimming", { description: "  short   " }, "description"],
    ["missing", {}, "description"],
    ["too long", { description: "x".repeat(10_001) }, "description"],
    ["a repo without owner", { description: "Fix the flaky login test", repo: "webapp" }, "repo"],
    ["an unknown type", { description: "Fix the flaky login test", type: "chore" }, "type"],
    ["an unknown agent", { description: "Fix the flaky login test", agent: "gpt" }, "agent"],
    ["a string for isPrivate", { description: "Fix the flaky login test", isPrivate: "yes" }, "isPrivate"],
    ["source slack from outside", { description: "Fix the flaky login test", source: "slack" }, "source"],
  ])("refuses %s", (_name, body, path) => {
    const result = createTaskSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(paths(result)).toContain(path);
  });

  it("accepts exactly 10 and exactly 10,000 characters", () => {
    expect(createTaskSchema.safeParse({ description: "0123456789" }).success).toBe(true);
    expect(createTaskSchema.safeParse({ description: "x".repeat(10_000) }).success).toBe(true);
  });

  it("takes files as an array or a comma list, dropping blanks", () => {
    const fromList = createTaskSchema.parse({ description: "Fix the flaky login test", files: " a.ts, b/c.ts,, " });
    const fromArray = createTaskSchema.parse({ description: "Fix the flaky login test", files: ["a.ts", " ", "b/c.ts"] });
    expect(fromList.files).toEqual(["a.ts", "b/c.ts"]);
    expect(fromArray.files).toEqual(["a.ts", "b/c.ts"]);
  });

  it("reads null and empty strings as not given", () => {
    const result = createTaskSchema.parse({ description: "Fix the flaky login test", repo: "", type: null, agent: "" });
    expect(result).toEqual({ description: "Fix the flaky login test" });
  });

  it("refuses unknown fields", () => {
    expect(createTaskSchema.safeParse({ description: "Fix the flaky login test", title: "x" }).success).toBe(false);
  });
});

describe("clarifyTaskSchema", () => {
  it("needs one to three non-empty answers", () => {
    expect(clarifyTaskSchema.safeParse({ answers: ["yes"] }).success).toBe(true);
    expect(clarifyTaskSchema.safeParse({ answers: [] }).success).toBe(false);
    expect(clarifyTaskSchema.safeParse({ answers: ["a", "b", "c", "d"] }).success).toBe(false);
    expect(paths(clarifyTaskSchema.safeParse({ answers: ["ok", "  "] }))).toEqual(["answers.1"]);
  });
});

describe("listTasksQuerySchema", () => {
  it("collects repeated and comma-joined statuses", () => {
    const result = listTasksQuerySchema.parse({ status: ["merged,failed", "coding"] });
    expect(result.status).toEqual(["merged", "failed", "coding"]);
  });

  it("coerces page, limit and mine from strings and bounds the limit", () => {
    expect(listTasksQuerySchema.parse({ page: "2", limit: "100", mine: "true" })).toEqual({ page: 2, limit: 100, mine: true });
    expect(paths(listTasksQuerySchema.safeParse({ limit: "101" }))).toEqual(["limit"]);
    expect(paths(listTasksQuerySchema.safeParse({ page: "0" }))).toEqual(["page"]);
    expect(paths(listTasksQuerySchema.safeParse({ status: ["done"] }))).toEqual(["status.0"]);
  });
});
