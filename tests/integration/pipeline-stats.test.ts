// GET /api/stats/pipeline: the success rate, the medians from dispatch to PR
// and to merge, and tasks per status by day, over the tasks the caller may see.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as stats } from "@/app/api/stats/pipeline/route";
import { getPrisma } from "@/lib/db/prisma";
import { changeTask } from "@/lib/tasks/change-task";
import { callRoute } from "../helpers/call-route";
import { makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";
import { testUser } from "../helpers/test-users";

withTestDatabase();

/** A dispatched task whose PR opened `prAfter` s and (if given) merged `mergeAfter` s after its dispatch, or closed. */
async function finishedTask(prAfter: number, mergeAfter: number | null, { creatorId, isPrivate = false }: { creatorId?: string; isPrivate?: boolean } = {}) {
  const task = await makeTask("dispatched", { isPrivate }, creatorId);
  await changeTask(task.id, { to: "pr_open", fields: { githubPrNumber: 1 }, event: { type: "pr_opened" } });
  if (mergeAfter === null) await changeTask(task.id, { to: "failed", fields: { errorMessage: "PR closed without merge" }, event: { type: "pr_closed" } });
  else await changeTask(task.id, { to: "merged", event: { type: "pr_merged" } });
  // Put the steps where the test wants them, an hour ago onwards.
  const start = Date.now() - 3_600_000 * 3;
  const at = (s: number) => new Date(start + s * 1000);
  const prisma = getPrisma();
  await prisma.taskEvent.updateMany({ where: { taskId: task.id, type: "dispatched" }, data: { createdAt: at(0) } });
  await prisma.taskEvent.updateMany({ where: { taskId: task.id, type: "pr_opened" }, data: { createdAt: at(prAfter) } });
  if (mergeAfter !== null) await prisma.taskEvent.updateMany({ where: { taskId: task.id, type: "pr_merged" }, data: { createdAt: at(mergeAfter) } });
  return task;
}

describe("pipeline stats", () => {
  beforeAll(async () => {
    const other = await testUser("olga");
    await finishedTask(600, 3_600);
    await finishedTask(1_200, 7_200);
    await finishedTask(300, null); // closed without merge: failed
    const cancelled = await makeTask("needs_clarification");
    await changeTask(cancelled.id, { to: "cancelled", event: { type: "cancelled" } });
    await makeTask("analyzing");
    // Olga's private task: only she and admins count it.
    await finishedTask(60, 120, { creatorId: other.id, isPrivate: true });
  });

  it("reports the success rate and medians over every task for an admin", async () => {
    const { status, json } = await callRoute(stats, "GET", "/api/stats/pipeline");
    expect(status).toBe(200);
    expect(json).toMatchObject({
      days: 14,
      finished: { merged: 3, failed: 1, cancelled: 1 },
      successRate: 0.75,
      dispatchToPr: { medianSeconds: 450, n: 4 }, // 60, 300, 600, 1200
      dispatchToMerge: { medianSeconds: 3_600, n: 3 }, // 120, 3600, 7200
    });
    expect(json.statusByDay).toHaveLength(14);
    expect(json.statusByDay.at(-1).counts).toEqual({ merged: 3, failed: 1, cancelled: 1, analyzing: 1 });
    expect(json.statusByDay.at(0).counts).toEqual({});
  });

  it("leaves out the private tasks of others for a member", async () => {
    const { json } = await callRoute(stats, "GET", "/api/stats/pipeline?days=7", { as: await testUser("mallory") });
    expect(json).toMatchObject({
      days: 7,
      finished: { merged: 2, failed: 1, cancelled: 1 },
      successRate: 2 / 3,
      dispatchToPr: { medianSeconds: 600, n: 3 },
      dispatchToMerge: { medianSeconds: 5_400, n: 2 },
    });
    expect(json.statusByDay.at(-1).counts).toEqual({ merged: 2, failed: 1, cancelled: 1, analyzing: 1 });
  });

  it("refuses a window it does not keep with 400", async () => {
    const res = await callRoute(stats, "GET", "/api/stats/pipeline?days=365");
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe("days");
  });
});
