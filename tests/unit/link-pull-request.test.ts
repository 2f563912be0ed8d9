import { describe, expect, it } from "vitest";
import { branchIssueNumber, closingReferences } from "@/lib/github/link-pull-request";
import { findTaskMarker, taskMarker } from "@/lib/github/task-marker";

const pr = (title: string, body: string | null = null) => ({ repo: "acme/web", number: 1, title, body, branch: "x" });

describe("closing references", () => {
  it.each([
    ["Fixes #12", [{ repo: "acme/web", number: 12 }]],
    ["closes acme/api#7 and resolves #8", [{ repo: "acme/api", number: 7 }, { repo: "acme/web", number: 8 }]],
    ["Resolved: #3", [{ repo: "acme/web", number: 3 }]],
    ["fixed #4, close #5", [{ repo: "acme/web", number: 4 }, { repo: "acme/web", number: 5 }]],
    ["Refs #12 (see also #13)", []],
    ["prefix#12 fixes", []],
  ])("reads %j", (body, refs) => {
    expect(closingReferences(pr("Some title", body))).toEqual(refs);
  });

  it("reads the title too", () => {
    expect(closingReferences(pr("Fix #9: the login loop"))).toEqual([{ repo: "acme/web", number: 9 }]);
  });
});

describe("branch names", () => {
  it.each([
    ["copilot/fix-123", 123],
    ["claude/issue-45-add-csv-export", 45],
    ["codex/issue-7", 7],
    ["fix-8-typo", 8],
    ["feature/add-2fa", null],
    ["main", null],
  ])("%s → %s", (branch, number) => {
    expect(branchIssueNumber(branch)).toBe(number);
  });
});

describe("task marker", () => {
  it("round-trips through an issue body, case-insensitively", () => {
    const id = "0193A6D2-7C4E-7000-8000-00000000000A";
    expect(findTaskMarker(`Body\n\n${taskMarker(id)}\n`)).toBe(id.toLowerCase());
    expect(findTaskMarker("no marker here")).toBeNull();
    expect(findTaskMarker(null)).toBeNull();
  });
});
