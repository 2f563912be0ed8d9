import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/tasks/route";
import { callRoute } from "../helpers/call-route";
import { makeTask, makeUser } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

const list = (query = "") => callRoute(listRoute, "GET", `/api/tasks${query}`);
const ids = (res: { json: { tasks: { id: string }[] } }) => res.json.tasks.map((t) => t.id);

describe("GET /api/tasks", () => {
  const created: string[] = []; // oldest first

  beforeAll(async () => {
    const devon = await makeUser("devon");
    for (let i = 0; i < 23; i++) {
      const task = await makeTask(i % 3 === 0 ? "failed" : "received", {
        description: i === 5 ? "Make the Invoice export faster" : `Routine maintenance task number ${i}`,
        repo: i % 2 === 0 ? "acme/web" : "acme/api",
      });
      created.push(task.id);
    }
    created.push((await makeTask("dispatched", { description: "Devon's own task, dispatched" }, devon.id)).id);
    created.push((await makeTask("needs_clarification", {}, devon.id)).id);
  });

  it("pages newest first without overlap or gaps", async () => {
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await list(`?limit=10&page=${page}`));
    expect(pages.map((p) => p.json.tasks.length)).toEqual([10, 10, 5]);
    expect(pages.flatMap(ids)).toEqual([...created].reverse());
    expect(pages[0]!.json).toMatchObject({ total: 25, page: 1, limit: 10 });
  });

  it("filters by several statuses, by repo, by creator and by mine", async () => {
    const failedOrDispatched = await list("?status=failed&status=dispatched");
    expect(failedOrDispatched.json.total).toBe(9);
    expect(new Set(failedOrDispatched.json.tasks.map((t: { status: string }) => t.status))).toEqual(new Set(["failed", "dispatched"]));

    const commaJoined = await list("?status=failed,dispatched");
    expect(commaJoined.json.total).toBe(9);

    expect((await list("?repo=acme/web")).json.total).toBe(12);
    expect(ids(await list("?creator=devon"))).toEqual([created[24], created[23]]);
    expect((await list("?mine=true")).json.total).toBe(23);
    expect((await list("?mine=false")).json.total).toBe(25);
  });

  it("takes the group names active and finished for their statuses", async () => {
    // 8 failed, 15 received, 1 dispatched, 1 needs_clarification
    expect((await list("?status=active")).json.total).toBe(17);
    expect((await list("?status=finished")).json.total).toBe(8);
    expect((await list("?status=finished,received")).json.total).toBe(23);
  });

  it("searches descriptions case-insensitively", async () => {
    const res = await list("?q=invoice%20EXPORT");
    expect(ids(res)).toEqual([created[5]]);
  });

  it("reports headline counts over every task, whatever the filter", async () => {
    const res = await list("?status=received&limit=1");
    expect(res.json.counts).toEqual({ active: 25 - 8, completed: 0, failed: 8 });
  });

  it("refuses bad query values with 400 and the field names", async () => {
    const res = await list("?limit=101&page=0&status=done&mine=perhaps");
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["limit", "mine", "page", "status.0"]);
    expect((await list("?limit=100")).status).toBe(200);
  });
});
