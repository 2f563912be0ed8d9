// At most WEBHOOK_CONCURRENCY deliveries are in the database at once; the
// rest wait their turn in the process without touching it (receive-webhook.ts
// says why), and /api/health shows both counts. PostgreSQL only: the test
// holds the task's row from a second session, which on PGlite (one session)
// would block the deliveries' very first statement instead.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { resetEnvCache } from "@/lib/config/env";
import { getDatabase, getPrisma } from "@/lib/db/prisma";
import { taskMarker } from "@/lib/github/task-marker";
import { deliver } from "../helpers/deliver-in-process";
import { pullRequest, WEBHOOK_SECRET } from "../helpers/github-webhooks";
import { eventually } from "../helpers/sse-client";
import { makeTask } from "../helpers/task-fixtures";
import { usingPostgres, withTestDatabase } from "../helpers/test-database";

withTestDatabase();
beforeAll(() => {
  process.env.GITHUB_WEBHOOK_SECRET = WEBHOOK_SECRET;
  process.env.WEBHOOK_CONCURRENCY = "2";
  resetEnvCache();
});
afterAll(() => {
  delete process.env.WEBHOOK_CONCURRENCY;
  resetEnvCache();
});

const REPO = "acme/webapp";

const queue = async () => (await (await health()).json()).webhooks as { working: number; waiting: number };

describe.runIf(usingPostgres)("webhook deliveries in the database at once", () => {
  it("lets two in at a time; the others wait untouched, then each is processed", async () => {
    const task = await makeTask("dispatched", { repo: REPO });
    const updates = Array.from({ length: 5 }, (_, i) =>
      pullRequest(i === 0 ? "opened" : "synchronize", REPO, {
        number: 900,
        body: `Work for ${taskMarker(task.id)}`,
        updatedAt: new Date(Date.UTC(2030, 0, 1) + i * 1000).toISOString(),
      }),
    );
    // A second session holds the task's row: a delivery that gets in records itself, then waits to change the task.
    const holder = getDatabase().connection.alone();
    onTestFinished(() => holder.close()); // ends the transaction too, should the test fail before its COMMIT
    await holder.query("BEGIN");
    await holder.query("SELECT id FROM tasks WHERE id = $1 FOR UPDATE", [task.id]);
    // Asked outside the holder's transaction: inside one, PostgreSQL answers
    // pg_stat_activity from a snapshot taken at its first read in that transaction.
    const waitingOnTheRow = async () =>
      (await getDatabase().connection.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))[0]!.n;
    expect(await waitingOnTheRow()).toBe(0);

    const answers = Promise.all(updates.map((update) => deliver("pull_request", update)));
    // Two in: both recorded, one waiting on the row (the other waits for the same task look-up);
    // three in the queue, not recorded. Were they recorded before queuing, the count would be 5 by then.
    const stuck = await eventually(async () => {
      const state = { queue: await queue(), recorded: await getPrisma().webhookDelivery.count(), onTheRow: await waitingOnTheRow() };
      return state.queue.waiting === 3 && state.recorded === 2 && state.onTheRow > 0 ? state : undefined;
    }, "two deliveries in the database, three waiting");
    expect(stuck.queue).toEqual({ configured: true, working: 2, waiting: 3 });

    await holder.query("COMMIT");
    // Each is then processed: applied, or ignored as older than one applied before it (two run at once).
    const settled = await answers;
    expect(settled.every((a) => a.status === 200 || (a.status === 202 && a.json.ignored))).toBe(true);
    expect(settled.at(-1)!.json).toMatchObject({ ok: true, taskId: task.id });
    expect(await getPrisma().webhookDelivery.count({ where: { outcome: { notIn: ["pending", "failed"] } } })).toBe(5);
    expect(await queue()).toMatchObject({ working: 0, waiting: 0 });
  });
});
