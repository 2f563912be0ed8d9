import { describe, expect, it } from "vitest";
import { GET as getTask } from "@/app/api/tasks/[id]/route";
import { POST as createTaskRoute } from "@/app/api/tasks/route";
import { resetEnvCache } from "@/lib/config/env";
import { callRoute } from "../helpers/call-route";
import { countRows } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

const create = (body: unknown, headers?: Record<string, string>) =>
  callRoute(createTaskRoute, "POST", "/api/tasks", { body, headers });

describe("POST /api/tasks", () => {
  it("creates a received task with its created event", async () => {
    const res = await create({
      description: "  Add CSV export to the invoices table  ",
      type: "feature",
      files: "src/invoices.ts, src/export.ts",
      priority: "high",
      agent: "codex",
      isPrivate: true,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/api/tasks/${res.json.id}`);
    expect(res.json).toMatchObject({
      status: "received",
      description: "Add CSV export to the invoices table",
      title: "Add CSV export to the invoices table",
      taskTypeHint: "feature",
      filesHint: ["src/invoices.ts", "src/export.ts"],
      priority: "high",
      agentOverride: "codex",
      agent: "codex",
      isPrivate: true,
      source: "api",
      repo: "conduit-demo/sandbox",
      version: 1,
      creator: { login: "admin" },
    });

    const detail = await callRoute(getTask, "GET", `/api/tasks/${res.json.id}`, { params: { id: res.json.id } });
    expect(detail.status).toBe(200);
    expect(detail.json.events).toHaveLength(1);
    expect(detail.json.events[0]).toMatchObject({ type: "created", payload: { status: "received", repo: "conduit-demo/sandbox" } });
    expect(BigInt(detail.json.lastEventId)).toBeGreaterThanOrEqual(BigInt(detail.json.events[0].id));
  });

  it("uses DEFAULT_REPO when no repo is given and the given repo otherwise", async () => {
    const withRepo = await create({ description: "Fix the flaky login test", repo: "acme/api" });
    expect(withRepo.json.repo).toBe("acme/api");
  });

  it.each([
    ["a short description", { description: "too short" }, ["description"]],
    ["a bad repo and an unknown field", { description: "Fix the flaky login test", repo: "x", colour: "red" }, ["repo", "colour"]],
    ["an array body", [1, 2], [""]],
  ])("refuses %s with 400, naming each field, and writes nothing", async (_name, body, fields) => {
    const before = await countRows();
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([...fields].sort());
    expect(await countRows()).toEqual(before);
  });

  it("refuses malformed JSON (400), a non-JSON type (415) and an oversized body (413)", async () => {
    const before = await countRows();
    const malformed = await callRoute(createTaskRoute, "POST", "/api/tasks", {
      rawBody: '{"description": "Fix',
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("invalid_json");

    const form = await callRoute(createTaskRoute, "POST", "/api/tasks", {
      rawBody: "description=Fix+the+flaky+login+test",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.json.error.code).toBe("unsupported_media_type");

    const huge = await create({ description: "x".repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("payload_too_large");
    expect(await countRows()).toEqual(before);
  });
});

describe("GET /api/tasks/:id", () => {
  it("answers 404 for an unknown id and for a malformed one", async () => {
    for (const id of ["0193a6d2-7c4e-7000-8000-000000000000", "not-a-uuid", "1;DROP TABLE tasks"]) {
      const res = await callRoute(getTask, "GET", `/api/tasks/${id}`, { params: { id } });
      expect(res.status).toBe(404);
      expect(res.json.error).toEqual({ code: "not_found", message: `No task with id ${id}` });
    }
  });
});

describe("ALLOWED_REPOS", () => {
  it("refuses a repository outside the allowed patterns with 400 on repo, and writes nothing", async () => {
    process.env.ALLOWED_REPOS = "acme/*, other/one";
    resetEnvCache();
    try {
      const before = await countRows();
      const refused = await create({ description: "Fix the flaky login test", repo: "evil/repo" });
      expect(refused.status).toBe(400);
      expect(refused.json.error.details).toEqual([{ path: "repo", message: "evil/repo is not among the allowed repositories" }]);
      expect(await countRows()).toEqual(before);
      expect((await create({ description: "Fix the flaky login test", repo: "ACME/web" })).status).toBe(201);
      expect((await create({ description: "Fix the flaky login test", repo: "other/one" })).status).toBe(201);
      // The default repository must be allowed too.
      expect((await create({ description: "Fix the flaky login test" })).status).toBe(400);
    } finally {
      delete process.env.ALLOWED_REPOS;
      resetEnvCache();
    }
  });
});
