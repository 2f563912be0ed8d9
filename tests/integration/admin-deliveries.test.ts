// The admin's view of webhook deliveries: the recent ones with their outcome,
// and reprocessing one (GET /api/admin/deliveries, POST …/:id/reprocess).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as list } from "@/app/api/admin/deliveries/route";
import { POST as reprocess } from "@/app/api/admin/deliveries/[id]/reprocess/route";
import { getPrisma } from "@/lib/db/prisma";
import { taskMarker } from "@/lib/github/task-marker";
import { callRoute } from "../helpers/call-route";
import { pullRequest } from "../helpers/github-webhooks";
import { makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";
import { testUser } from "../helpers/test-users";

withTestDatabase();

const REPO = "acme/admin-deliveries";

type Stored = { outcome?: "pending" | "processed" | "ignored" | "failed"; receivedAt?: Date; claimedAt?: Date; reason?: string };

async function storedDelivery(payload: Record<string, unknown>, data: Stored = {}) {
  const id = randomUUID();
  await getPrisma().webhookDelivery.create({ data: { id, event: "pull_request", action: String(payload.action), repository: REPO, payload: payload as object, outcome: "ignored", ...data } });
  return id;
}

describe("webhook deliveries for admins", () => {
  it("refuses members (403) and nobody (401), and lists nothing to them", async () => {
    const member = await testUser("mallory");
    expect((await callRoute(list, "GET", "/api/admin/deliveries", { as: member })).status).toBe(403);
    expect((await callRoute(list, "GET", "/api/admin/deliveries", { as: null })).status).toBe(401);
    const res = await callRoute(reprocess, "POST", `/api/admin/deliveries/${randomUUID()}/reprocess`, { params: { id: randomUUID() }, as: member });
    expect(res.status).toBe(403);
  });

  it("lists the newest first, by outcome, without payloads, and pages back", async () => {
    const older = await storedDelivery(pullRequest("opened", REPO, { number: 1 }), { outcome: "failed", receivedAt: new Date(Date.now() - 60_000) });
    const newer = await storedDelivery(pullRequest("opened", REPO, { number: 2 }), { reason: "no task matches pull request #2" });
    const { status, json } = await callRoute(list, "GET", "/api/admin/deliveries?limit=100");
    expect(status).toBe(200);
    const ids = json.deliveries.map((d: { id: string }) => d.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(json.deliveries.find((d: { id: string }) => d.id === newer)).toEqual({
      id: newer,
      event: "pull_request",
      action: "opened",
      repository: REPO,
      outcome: "ignored",
      reason: "no task matches pull request #2",
      error: null,
      attempts: 1,
      taskId: null,
      receivedAt: expect.any(String),
      processedAt: null,
    });
    const failed = await callRoute(list, "GET", "/api/admin/deliveries?outcome=failed");
    expect(failed.json.deliveries.every((d: { outcome: string }) => d.outcome === "failed")).toBe(true);
    const before = json.deliveries.find((d: { id: string }) => d.id === newer).receivedAt;
    const page = await callRoute(list, "GET", `/api/admin/deliveries?before=${encodeURIComponent(before)}&limit=100`);
    expect(page.json.deliveries.map((d: { id: string }) => d.id)).toContain(older);
    expect(page.json.deliveries.map((d: { id: string }) => d.id)).not.toContain(newer);
  });

  it("refuses a bad query with 400 and the fields that are wrong", async () => {
    const res = await callRoute(list, "GET", "/api/admin/deliveries?outcome=lost&limit=0&color=red");
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["color", "limit", "outcome"]);
    // Well-formed ISO 8601 that no timestamp column holds (PostgreSQL has no year 0; it answered 500).
    for (const before of ["0000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z"]) {
      const bad = await callRoute(list, "GET", `/api/admin/deliveries?before=${encodeURIComponent(before)}`);
      expect(bad.status).toBe(400);
      expect(new Set(bad.json.error.details.map((d: { path: string }) => d.path))).toEqual(new Set(["before"]));
    }
  });

  it("reprocesses a stored delivery: one ignored before its task existed now moves the task", async () => {
    const task = await makeTask("dispatched", { repo: REPO });
    const id = await storedDelivery(pullRequest("opened", REPO, { number: 77, body: taskMarker(task.id) }), { reason: "no task matches pull request #77" });
    const res = await callRoute(reprocess, "POST", `/api/admin/deliveries/${id}/reprocess`, { params: { id } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, outcome: "processed", attempts: 2, taskId: task.id, reason: null });
    expect((await getPrisma().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("pr_open");

    // Again: the task is past it, so it changes nothing and says why.
    const again = await callRoute(reprocess, "POST", `/api/admin/deliveries/${id}/reprocess`, { params: { id } });
    expect(again.json).toMatchObject({ outcome: "ignored", attempts: 3, reason: expect.any(String) });
  });

  it("answers 404 for an unknown delivery and 409 for one being processed, and takes over one left pending long ago", async () => {
    const missing = randomUUID();
    expect((await callRoute(reprocess, "POST", `/api/admin/deliveries/${missing}/reprocess`, { params: { id: missing } })).status).toBe(404);
    const busy = await storedDelivery(pullRequest("opened", REPO, { number: 5 }), { outcome: "pending" });
    const res = await callRoute(reprocess, "POST", `/api/admin/deliveries/${busy}/reprocess`, { params: { id: busy } });
    expect(res.status).toBe(409);
    expect((await getPrisma().webhookDelivery.findUniqueOrThrow({ where: { id: busy } })).attempts).toBe(1);
    const stuck = await storedDelivery(pullRequest("opened", REPO, { number: 6 }), { outcome: "pending", claimedAt: new Date(Date.now() - 10 * 60_000) });
    const taken = await callRoute(reprocess, "POST", `/api/admin/deliveries/${stuck}/reprocess`, { params: { id: stuck } });
    expect(taken.json).toMatchObject({ outcome: "ignored", attempts: 2 });
  });
});
