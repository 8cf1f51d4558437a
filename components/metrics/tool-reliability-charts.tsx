"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export interface ToolReliabilityRow {
  tool: string;
  name: string;
  incidents: number;
  mttdMs: number | null;
  mttrMs: number | null;
  totalImpactMs: number;
}

const HOUR = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR) * 10) / 10);
const formatHours = (value: unknown) => (typeof value === "number" ? `${value} h` : "—");

// Per tool: total impact, and detection vs resolution times, in hours. Horizontal bars so that
// tool names stay readable; the table on the page carries the exact values.
export function ToolReliabilityCharts({ rows }: { rows: ToolReliabilityRow[] }) {
  const data = rows.map((r) => ({ name: r.name, impact: hours(r.totalImpactMs), mttd: hours(r.mttdMs), mttr: hours(r.mttrMs) }));
  const height = Math.max(140, 40 + rows.length * 34);
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <figure className="min-w-0">
        <figcaption className="mb-1 text-xs font-semibold text-slate-700">Total impact per tool (hours)</figcaption>
        <div role="img" aria-label={`Total impact per tool in hours: ${data.map((d) => `${d.name} ${d.impact} h`).join(", ")}.`}>
          <BarChart responsive layout="vertical" style={{ width: "100%", height }} data={data} margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" tick={{ fontSize: 11, fill: "#475569" }} />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11, fill: "#334155" }} />
            <Tooltip formatter={formatHours} contentStyle={{ fontSize: 12 }} />
            <Bar dataKey="impact" name="Total impact" fill="#b91c1c" maxBarSize={18} isAnimationActive={false} label={{ position: "right", fontSize: 11, fill: "#334155" }} />
          </BarChart>
        </div>
      </figure>
      <figure className="min-w-0">
        <figcaption className="mb-1 text-xs font-semibold text-slate-700">Mean time to detect and to resolve per tool (hours)</figcaption>
        <div role="img" aria-label={`MTTD and MTTR per tool in hours: ${data.map((d) => `${d.name} MTTD ${d.mttd ?? "none"}, MTTR ${d.mttr ?? "none"}`).join("; ")}.`}>
          <BarChart responsive layout="vertical" style={{ width: "100%", height: height + 24 }} data={data} margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" tick={{ fontSize: 11, fill: "#475569" }} />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11, fill: "#334155" }} />
            <Tooltip formatter={formatHours} contentStyle={{ fontSize: 12 }} />
            <Legend wrapperStyle={{ fontSize: 12 }} iconType="square" formatter={(value) => <span style={{ color: "#334155" }}>{value}</span>} />
            <Bar dataKey="mttd" name="MTTD" fill="#f59e0b" maxBarSize={12} isAnimationActive={false} />
            <Bar dataKey="mttr" name="MTTR" fill="#2753d6" maxBarSize={12} isAnimationActive={false} />
          </BarChart>
        </div>
      </figure>
    </div>
  );
}
