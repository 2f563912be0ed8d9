"use client";
// The pipeline page's figures and charts. They follow the live stream: any
// task change on the dashboard topic refetches the figures (at most once a
// second), so the page moves with the pipeline without polling.
import { useEffect } from "react";
import useSWR from "swr";
import { useLive, useTopic } from "@/lib/client/live-context";
import type { PipelineStats } from "@/lib/shared/pipeline-stats";
import { STATUS_STYLE } from "@/lib/shared/status-style";
import { TASK_STATUSES } from "@/lib/shared/task-status";

const REFETCH_MS = 1_000;

export function PipelineCharts({ initial }: { initial: PipelineStats }) {
  const key = `/api/stats/pipeline?days=${initial.days}`;
  const { data = initial, mutate } = useSWR<PipelineStats>(key, { fallbackData: initial });
  const { listen } = useLive();
  useTopic("dashboard");
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = listen((message) => {
      if (message.name !== "dashboard:task_list_updated" || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void mutate();
      }, REFETCH_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [listen, mutate]);

  const { finished } = data;
  return (
    <div className="space-y-6">
      <div className="grid gap-3 sm:grid-cols-3">
        <Figure
          name="Success rate"
          value={data.successRate === null ? "–" : `${Math.round(data.successRate * 100)} %`}
          detail={`${finished.merged} merged, ${finished.failed} failed${finished.cancelled ? `, ${finished.cancelled} cancelled (not counted)` : ""}`}
          testId="success-rate"
        />
        <Figure name="Dispatch → pull request" value={duration(data.dispatchToPr.medianSeconds)} detail={`median of ${data.dispatchToPr.n}`} testId="to-pr" />
        <Figure name="Dispatch → merge" value={duration(data.dispatchToMerge.medianSeconds)} detail={`median of ${data.dispatchToMerge.n}`} testId="to-merge" />
      </div>
      <StatusChart days={data.statusByDay} />
      <p className="text-xs text-slate-500">Last {data.days} days (UTC), over the tasks you can see.</p>
    </div>
  );
}

function Figure({ name, value, detail, testId }: { name: string; value: string; detail: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <p className="text-sm text-slate-500">{name}</p>
      <p className="text-2xl font-semibold tabular-nums">{value}</p>
      <p className="text-xs text-slate-500">{detail}</p>
    </div>
  );
}

/** Tasks per status at the end of each day, as stacked bars. */
function StatusChart({ days }: { days: PipelineStats["statusByDay"] }) {
  const width = 640;
  const height = 200;
  const totals = days.map((d) => Object.values(d.counts).reduce((a, b) => a + (b ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = width / days.length;
  const present = TASK_STATUSES.filter((s) => days.some((d) => d.counts[s]));
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 text-sm font-medium">Tasks per status, day by day</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="w-full" role="img" aria-label="Tasks per status at the end of each day">
        {days.map((day, i) => {
          let y = height;
          return (
            <g key={day.day} data-day={day.day}>
              {TASK_STATUSES.map((status) => {
                const n = day.counts[status] ?? 0;
                if (!n) return null;
                const h = (n / max) * height;
                y -= h;
                return (
                  <rect key={status} x={i * slot + slot * 0.15} y={y} width={slot * 0.7} height={h} fill={STATUS_STYLE[status].chart}>
                    <title>{`${day.day}: ${n} ${STATUS_STYLE[status].label.toLowerCase()}`}</title>
                  </rect>
                );
              })}
              {(i % Math.ceil(days.length / 7) === 0 || i === days.length - 1) && (
                <text x={i * slot + slot / 2} y={height + 14} textAnchor="middle" fontSize="10" fill="#64748b">
                  {day.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-3 text-xs text-slate-600">
        {present.map((status) => (
          <li key={status} className="inline-flex items-center gap-1">
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={STATUS_STYLE[status].chart} />
            </svg>
            {STATUS_STYLE[status].label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

function duration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3_600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
