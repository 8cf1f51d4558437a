"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { WeekBucket } from "@/lib/metrics/incidents";

// Two stacks per week: AI-linked on the left (reds), the rest on the right (greys), so the split
// reads from position as well as colour.
const SERIES = [
  { key: "sev1AiLinked", label: "SEV1 · AI-linked", severity: "SEV1", split: "AI-linked", stack: "ai", color: "#b91c1c" },
  { key: "sev2AiLinked", label: "SEV2 · AI-linked", severity: "SEV2", split: "AI-linked", stack: "ai", color: "#fb923c" },
  { key: "sev1Other", label: "SEV1 · not AI-linked", severity: "SEV1", split: "not AI", stack: "other", color: "#334155" },
  { key: "sev2Other", label: "SEV2 · not AI-linked", severity: "SEV2", split: "not AI", stack: "other", color: "#94a3b8" },
] as const;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const weekLabel = (week: string) => `${MONTHS[Number(week.slice(5, 7)) - 1]} ${Number(week.slice(8, 10))}`;

function totals(weeks: WeekBucket[]) {
  const sum = (k: keyof Omit<WeekBucket, "week">) => weeks.reduce((n, w) => n + w[k], 0);
  return { sev1: sum("sev1AiLinked") + sum("sev1Other"), sev2: sum("sev2AiLinked") + sum("sev2Other"), ai: sum("sev1AiLinked") + sum("sev2AiLinked") };
}

export function WeeklyIncidentsChart({ weeks }: { weeks: WeekBucket[] }) {
  const hydrated = useHydrated();
  const t = totals(weeks);
  const summary = `In the last ${weeks.length} weeks: ${t.sev1} SEV1 and ${t.sev2} SEV2 incidents, ${t.ai} of them AI-linked.`;
  const data = weeks.map((w) => ({ ...w, label: weekLabel(w.week) }));
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_auto]">
      <figure className="min-w-0">
        <figcaption className="mb-2 text-xs text-slate-600" data-testid="weekly-summary">
          {summary}
        </figcaption>
        <div role="img" aria-label={`Bar chart. ${summary} The table beside it lists every week.`}>
          {hydrated ? (
<BarChart responsive style={{ width: "100%", height: 280 }} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barGap={2}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} interval={0} angle={-35} textAnchor="end" height={44} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={false} />
            <Tooltip
              cursor={{ fill: "#f1f5f9" }}
              labelFormatter={(label) => `Week of ${label}`}
              contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#cbd5e1" }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} iconType="square" formatter={(value) => <span style={{ color: "#334155" }}>{value}</span>} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId={s.stack} fill={s.color} maxBarSize={18} isAnimationActive={false} />
            ))}
          </BarChart>
) : (
<div style={{ height: 280 }} />
)}
        </div>
      </figure>
      {/* Scrolls on its own: focusable, so that a keyboard scrolls it too. */}
      <div className="max-h-80 overflow-y-auto" tabIndex={0} role="region" aria-label="SEV1 and SEV2 incidents per week">
        <table className="w-full text-xs tabular-nums" data-testid="weekly-incidents-table">
          <caption className="sr-only">SEV1 and SEV2 incidents per week (weeks start on Monday, UTC), AI-linked versus not</caption>
          <thead className="sticky top-0 bg-white text-left text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 align-bottom font-medium">
                Week of
              </th>
              {SERIES.map((s) => (
                <th key={s.key} scope="col" className="py-1 pl-2 text-right align-bottom font-medium leading-tight">
                  <span className="sr-only">{s.label}</span>
                  <span aria-hidden>
                    <span className="mr-1 inline-block size-2 rounded-sm" style={{ background: s.color }} />
                    {s.severity}
                    <br />
                    <span className="font-normal">{s.split}</span>
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {[...weeks].reverse().map((w) => (
              <tr key={w.week} data-week={w.week}>
                <th scope="row" className="whitespace-nowrap py-1 pr-3 text-left font-medium text-slate-700">
                  {w.week}
                </th>
                {SERIES.map((s) => (
                  <td key={s.key} className={`py-1 pl-2 text-right ${w[s.key] > 0 ? "font-semibold text-slate-900" : "text-slate-600"}`} data-series={s.key}>
                    {w[s.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
