import type { Metadata } from "next";
import { PipelineCharts } from "@/components/pipeline/pipeline-charts";
import { requirePageViewer } from "@/lib/auth/page-viewer";
import { STATS_DAYS_DEFAULT } from "@/lib/shared/pipeline-stats";
import { pipelineStats } from "@/lib/tasks/pipeline-stats";

export const metadata: Metadata = { title: "Pipeline" };

// GET /pipeline – how the pipeline is doing over the last two weeks, kept current as tasks move.
export default async function PipelinePage() {
  const viewer = await requirePageViewer();
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">Pipeline</h1>
      <PipelineCharts initial={await pipelineStats(viewer, STATS_DAYS_DEFAULT)} />
    </section>
  );
}
