"use client";

import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { FindingStatsDto } from "@/lib/dto/findings";
import { SEVERITIES } from "@/lib/policy/types";

// Worst at the bottom of the stack, where the eye starts; the same hues as the severity badges.
const COLORS = { CRITICAL: "#b91c1c", HIGH: "#ea580c", MEDIUM: "#ca8a04", LOW: "#64748b" } as const;
const STACK_ORDER = [...SEVERITIES].reverse();

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const dayLabel = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;

function hours(mean: number | null): string {
  if (mean === null) return "—";
  if (mean < 1) return `${Math.round(mean * 60)} min`;
  if (mean < 48) return `${mean.toFixed(1)} h`;
  return `${(mean / 24).toFixed(1)} days`;
}

export function FindingTrend({ stats }: { stats: FindingStatsDto }) {
  const hydrated = useHydrated();
  const first = stats.openPerDay[0];
  const last = stats.openPerDay[stats.openPerDay.length - 1];
  const total = (day: typeof first) => SEVERITIES.reduce((sum, s) => sum + day[s], 0);
  const summary = `Open findings went from ${total(first)} on ${first.day} to ${total(last)} today (${last.CRITICAL} critical, ${last.HIGH} high).`;
  const data = stats.openPerDay.map((day) => ({ ...day, label: dayLabel(day.day) }));
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <figure className="min-w-0">
        <figcaption className="mb-2 text-xs text-slate-600" data-testid="finding-trend-summary">
          {summary}
        </figcaption>
        <div role="img" aria-label={`Stacked area chart of open findings per day by severity over the last 90 days. ${summary}`}>
          {hydrated ? (
<AreaChart responsive style={{ width: "100%", height: 240 }} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={false} />
            <Tooltip contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#cbd5e1" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} iconType="square" formatter={(value) => <span style={{ color: "#334155" }}>{value}</span>} />
            {STACK_ORDER.map((severity) => (
              <Area key={severity} type="stepAfter" dataKey={severity} name={severity.charAt(0) + severity.slice(1).toLowerCase()} stackId="open" stroke={COLORS[severity]} fill={COLORS[severity]} fillOpacity={0.75} isAnimationActive={false} />
            ))}
          </AreaChart>
) : (
<div style={{ height: 240 }} />
)}
        </div>
      </figure>
      <table className="h-fit w-full text-sm tabular-nums" data-testid="mean-time-to-resolve">
        <caption className="mb-2 text-left text-xs text-slate-600">Mean time to resolve, last 90 days</caption>
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 font-medium">
              Severity
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Resolved
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Mean
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {[...stats.meanTimeToResolve].reverse().map((row) => (
            <tr key={row.severity} data-severity={row.severity}>
              <th scope="row" className="py-1.5 text-left font-normal text-slate-800">
                {row.severity.charAt(0) + row.severity.slice(1).toLowerCase()}
              </th>
              <td className="py-1.5 text-right text-slate-700">{row.resolved}</td>
              <td className="py-1.5 text-right font-medium text-slate-900">{hours(row.meanHours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
