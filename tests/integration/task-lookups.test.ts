// The look-ups every webhook delivery makes (lib/tasks/find-task.ts) match the
// repository case-insensitively; they must use an index, or each one reads the
// whole tasks table (20-100 ms at 100,000 tasks). The statements are the ones
// the app sends, recorded on the way to the database, and explained.
import { describe, expect, it } from "vitest";
import { getDatabase, getPrisma } from "@/lib/db/prisma";
import { findTaskById, findTaskByIssue, findTaskByPullRequest, isTrackedRepo } from "@/lib/tasks/find-task";
import { taskStateSelect } from "@/lib/tasks/task-columns";
import { toTaskDetail } from "@/lib/tasks/task-dto";
import { makeTask } from "../helpers/task-fixtures";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

type Sent = { text: string; params: unknown[] };

/** Runs `lookUps` and returns the statements they sent to the tasks table. */
async function statementsOf(lookUps: () => Promise<unknown>): Promise<Sent[]> {
  const connection = getDatabase().connection;
  const query = connection.query;
  const sent: Sent[] = [];
  connection.query = (text, params) => {
    if (/\bFROM tasks\b/.test(text)) sent.push({ text, params: params ?? [] });
    return query(text, params);
  };
  try {
    await lookUps();
  } finally {
    connection.query = query;
  }
  return sent;
}

/**
 * Whether the statement finds its rows through an index on what it matches:
 * its plan has an index condition on the id or on lower(repo). Sequential scans
 * are turned off, so a statement no index serves shows a full scan of some
 * index instead, whose condition (if any) is on another column.
 */
async function usesLookupIndex({ text, params }: Sent): Promise<boolean> {
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    const [row] = await tx.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(`EXPLAIN (FORMAT JSON) ${text}`, ...params);
    return /"Index Cond":\s*"\(+(lower\(repo\)|id) = /.test(JSON.stringify(row!["QUERY PLAN"]));
  });
}


describe("a webhook's task look-ups", () => {
  it("find tasks whatever the repository's case, each through an index", async () => {
    const task = await makeTask("dispatched", { repo: "Acme/Widgets" });
    await getPrisma().task.update({ where: { id: task.id }, data: { githubPrNumber: 77 } });
    const issue = (await getPrisma().task.findUniqueOrThrow({ where: { id: task.id } })).githubIssueNumber!;

    const sent = await statementsOf(async () => {
      expect((await findTaskByPullRequest("acme/widgets", 77))?.id).toBe(task.id);
      expect((await findTaskByIssue("ACME/Widgets", issue))?.id).toBe(task.id);
      expect(await findTaskByPullRequest("acme/widgets", 78)).toBeNull();
      expect(await isTrackedRepo("acme/gadgets")).toBe(false);
      expect((await findTaskById(task.id))?.id).toBe(task.id);
    });
    expect(sent).toHaveLength(5);
    for (const statement of sent) expect({ statement: statement.text, indexed: await usesLookupIndex(statement) }).toMatchObject({ indexed: true });
  });

  // They read the task as one json value (task-columns.ts), not through Prisma:
  // what a change is decided from must be what Prisma would have read.
  it("read the task as Prisma reads it, its timestamps as dates", async () => {
    const task = await makeTask("dispatched", { repo: "Acme/Widgets", files: ["a.ts", "b.ts"], acceptanceCriteria: "It works", type: "bug-fix", agent: "codex" });
    await getPrisma().task.update({
      where: { id: task.id },
      data: {
        dispatchedAt: new Date("2026-11-28T09:00:00.001Z"),
        completedAt: new Date("2026-11-28T11:00:00.999Z"),
        githubPrUpdatedAt: new Date("2026-11-28T10:00:00.123Z"),
        githubBranch: "fix/é",
        likelyFiles: ["a.ts"],
        clarificationAnswers: ["Safari 17"],
      },
    });
    const viaPrisma = await getPrisma().task.findUniqueOrThrow({ where: { id: task.id }, select: taskStateSelect });
    const viaLookUp = (await findTaskById(task.id))!;
    expect(toTaskDetail(viaLookUp)).toEqual(toTaskDetail(viaPrisma));
    for (const field of ["createdAt", "updatedAt", "dispatchedAt", "completedAt", "githubPrUpdatedAt"] as const) {
      expect(viaLookUp[field]).toBeInstanceOf(Date);
      expect(viaLookUp[field]).toEqual(viaPrisma[field]);
    }
  });
});
