// What GET /api/stats/pipeline answers, shared with the page that charts it.
import type { TaskStatus } from "./task-status";

export const STATS_DAYS_DEFAULT = 14;
export const STATS_DAYS_MAX = 90;

export type PipelineStats = {
  days: number;
  since: string;
  /** Tasks that finished in the window, by how. */
  finished: { merged: number; failed: number; cancelled: number };
  /** merged / (merged + failed); null with neither. Cancelled tasks count in neither. */
  successRate: number | null;
  /** Medians in seconds over the tasks that reached the step in the window (n: how many), from their first dispatch. */
  dispatchToPr: { medianSeconds: number | null; n: number };
  dispatchToMerge: { medianSeconds: number | null; n: number };
  /** For each day of the window (UTC), how many tasks were in each status at its end (today: now). */
  statusByDay: { day: string; counts: Partial<Record<TaskStatus, number>> }[];
};
