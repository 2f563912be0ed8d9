import { getPrisma } from "../db/prisma";
import { taskEventSelect } from "./append-event";

/** A task's timeline, oldest first. */
export function listTaskEvents(taskId: string) {
  return getPrisma().taskEvent.findMany({
    where: { taskId },
    orderBy: { id: "asc" },
    select: taskEventSelect,
  });
}

/**
 * The id of the newest committed event, "0" when there is none. Read before a
 * snapshot, it is the point from which a stream resumes without a gap.
 */
export async function latestEventId(): Promise<string> {
  const newest = await getPrisma().taskEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return (newest?.id ?? 0n).toString();
}
