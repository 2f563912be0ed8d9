import { describe, expect, it } from "vitest";
import { repoAllowed } from "@/lib/tasks/repo-policy";

describe("repoAllowed", () => {
  it.each([
    ["acme/web", undefined, true],
    ["acme/web", ["acme/*"], true],
    ["Acme/Web", ["acme/web"], true],
    ["acme/web", ["acme/api"], false],
    ["acmecorp/web", ["acme/*"], false],
    ["x/y", ["*"], true],
    ["x/y", [], false],
  ] as const)("%s with %j → %s", (repo, patterns, allowed) => {
    expect(repoAllowed(repo, patterns as string[] | undefined)).toBe(allowed);
  });
});
