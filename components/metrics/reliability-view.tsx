import Link from "next/link";
import type { ReactNode } from "react";
import { Card, EmptyState } from "@/components/ui/card";
import type { ReliabilityMetrics } from "@/lib/data/metrics";
import { formatDuration, type DurationStats, type WeekBucket } from "@/lib/metrics/incidents";
import { cn } from "@/lib/cn";
import { METRIC_PERIODS, type MetricsQuery } from "@/lib/validation/incidents.validation";
import { ToolReliabilityCharts } from "./tool-reliability-charts";
import { WeeklyIncidentsChart } from "./weekly-incidents-chart";

const SEVERITY_SCOPES = [
  { label: "All severities", value: "" },
  { label: "SEV1 and SEV2", value: "SEV1,SEV2" },
  { label: "SEV1 only", value: "SEV1" },
] as const;

function href(query: MetricsQuery, change: Partial<{ days: number; severity: string }>) {
  const params = new URLSearchParams();
  params.set("days", String(change.days ?? query.days));
  const severity = change.severity ?? query.severity.join(",");
  if (severity) params.set("severity", severity);
  return `/incidents/metrics?${params}`;
}

function Choice({ active, href: to, children }: { active: boolean; href: string; children: ReactNode }) {
  return (
    <Link
      href={to}
      aria-current={active ? "true" : undefined}
      className={cn("rounded-md px-2.5 py-1 text-sm ring-1 ring-inset", active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50")}
    >
      {children}
    </Link>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </p>
      {note && <p className="text-xs text-slate-500">{note}</p>}
    </div>
  );
}

// The two tables of durations: a label column, counts, then the mean times and the total impact.
function StatsTable({ caption, testId, label, counts, className, children }: { caption: string; testId: string; label: string; counts: string[]; className?: string; children: ReactNode }) {
  return (
    <table className={cn("w-full text-sm tabular-nums", className)} data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">
            {label}
          </th>
          {[...counts, "MTTD", "MTTR", "Total impact"].map((column) => (
            <th key={column} scope="col" className="py-1 pr-3 text-right font-medium">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}

// A row of StatsTable; the counts are the incidents alone unless given.
function StatsRow({ label, stats, counts = [stats.incidents], tool }: { label: ReactNode; stats: DurationStats; counts?: number[]; tool?: string }) {
  return (
    <tr data-tool={tool}>
      <th scope="row" className="py-1.5 pr-3 text-left font-medium">
        {label}
      </th>
      {[...counts.map(String), formatDuration(stats.mttdMs), formatDuration(stats.mttrMs)].map((value, i) => (
        <td key={i} className="py-1.5 pr-3 text-right">
          {value}
        </td>
      ))}
      <td className="py-1.5 pr-3 text-right">
        {formatDuration(stats.totalImpactMs)}
        {stats.ongoing > 0 && <span className="ml-1 text-xs text-red-700">({stats.ongoing} ongoing)</span>}
      </td>
    </tr>
  );
}

export function ReliabilityView({ metrics, query, weeks }: { metrics: ReliabilityMetrics; query: MetricsQuery; weeks: WeekBucket[] }) {
  const { overall } = metrics;
  const severity = query.severity.join(",");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Period">
          <span className="mr-1 text-xs font-medium text-slate-600">Period</span>
          {METRIC_PERIODS.map((days) => (
            <Choice key={days} active={query.days === days} href={href(query, { days })}>
              {days} days
            </Choice>
          ))}
        </div>
        <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Severities">
          <span className="mr-1 text-xs font-medium text-slate-600">Severities</span>
          {SEVERITY_SCOPES.map((scope) => (
            <Choice key={scope.label} active={severity === scope.value} href={href(query, { severity: scope.value })}>
              {scope.label}
            </Choice>
          ))}
        </div>
        <p className="text-xs text-slate-500">
          Incidents that started from {metrics.from.slice(0, 10)} to {metrics.to.slice(0, 10)} (UTC).
        </p>
      </div>

      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat label="Incidents" value={String(overall.incidents)} testId="metric-incidents" />
        <Stat label="AI-linked" value={String(overall.aiLinked)} note={overall.incidents ? `${Math.round((overall.aiLinked / overall.incidents) * 100)}% of them` : undefined} testId="metric-ai-linked" />
        <Stat label="MTTD" value={formatDuration(overall.mttdMs)} note="mean, start → detection" testId="metric-mttd" />
        <Stat label="MTTR" value={formatDuration(overall.mttrMs)} note="mean, detection → resolution" testId="metric-mttr" />
        <Stat
          label="Total impact"
          value={formatDuration(overall.totalImpactMs)}
          note={overall.ongoing ? `includes ${overall.ongoing} ongoing, counted until now` : "sum of start → resolution"}
          testId="metric-impact"
        />
      </div>

      <Card title="AI-linked versus not" description="AI-linked: the standing question answered YES, or a tool linked as triggered or contributed.">
        <StatsTable caption="Reliability metrics, AI-linked incidents versus the others" testId="metrics-split" label="Incidents" counts={["Count"]} className="max-w-3xl">
          <StatsRow label="AI-linked" stats={metrics.aiLinked} />
          <StatsRow label="Not AI-linked" stats={metrics.notAiLinked} />
          <StatsRow label="All" stats={overall} />
        </StatsTable>
      </Card>

      <Card title="Per tool" description="Over the incidents each tool is linked to, whatever its role. Largest total impact first.">
        {metrics.byTool.length === 0 ? (
          <EmptyState title="No incident with a linked tool in this period" />
        ) : (
          <div className="space-y-6">
            <ToolReliabilityCharts rows={metrics.byTool} />
            <StatsTable caption="MTTD, MTTR and total impact per tool" testId="metrics-by-tool" label="Tool" counts={["Incidents", "AI-linked"]}>
              {metrics.byTool.map((row) => (
                <StatsRow
                  key={row.tool}
                  tool={row.tool}
                  label={
                    <Link href={`/incidents?tool=${row.tool}`} className="text-brand-700 hover:underline">
                      {row.name}
                    </Link>
                  }
                  counts={[row.incidents, row.aiLinked]}
                  stats={row}
                />
              ))}
            </StatsTable>
          </div>
        )}
      </Card>

      <Card title="SEV1 and SEV2 per week" description="The last 12 weeks (Monday to Sunday, UTC), AI-linked versus not.">
        <WeeklyIncidentsChart weeks={weeks} />
      </Card>
    </div>
  );
}
