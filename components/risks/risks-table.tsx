"use client";

import Link from "next/link";
import { columnHelper } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { TableView } from "@/components/data-table/table-view";
import { TitleCell } from "@/components/data-table/title-cell";
import { TruncatedCell } from "@/components/data-table/truncated-cell";
import { humanize } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import type { RiskDto, RiskPage } from "@/lib/dto/risks";
import { Time } from "@/components/ui/time";
import { RISK_TREATMENTS, type RiskListQuery } from "@/lib/validation/risks.validation";
import { RiskScoreBadge } from "./risk-score";

const helper = columnHelper<RiskDto>();

const columns = [
  // Likelihood and impact under the score they make, rather than two columns more: the register then
  // fits a laptop's screen, its mitigations in view.
  helper.accessor("score", {
    header: "Score",
    enableHiding: false,
    cell: ({ row: { original: r } }) => (
      <div className="space-y-0.5">
        <RiskScoreBadge score={r.score} />
        <div className="whitespace-nowrap text-xs tabular-nums text-slate-600">
          {r.likelihood} × {r.impact}
          <span className="sr-only"> (likelihood × impact)</span>
        </div>
      </div>
    ),
  }),
  helper.accessor("statement", {
    header: "Risk",
    enableSorting: false,
    enableHiding: false,
    cell: ({ row: { original: r } }) => <TitleCell href={`/risks/${r.id}`} title={<TruncatedCell text={r.statement} lines={2} />} className="min-w-48 max-w-md" />,
  }),
  helper.accessor("openMitigations", {
    header: "Mitigations",
    enableSorting: false,
    cell: ({ row }) => (
      <span className="text-xs tabular-nums">
        {row.original.openMitigations} open of {row.original.mitigations}
      </span>
    ),
  }),
  helper.accessor("tool", {
    header: "Tool",
    cell: ({ row }) => (
      <Link href={`/tools/${row.original.tool}`} className="text-brand-700 hover:underline">
        {row.original.toolName}
      </Link>
    ),
  }),
  helper.accessor("treatment", { header: "Treatment", cell: ({ getValue }) => humanize(getValue()) }),
  helper.display({
    id: "owner",
    header: "Owner",
    cell: ({ row }) => <span className="text-xs">{[row.original.ownerTeam, row.original.ownerUser?.name].filter(Boolean).join(" · ") || "—"}</span>,
  }),
  helper.accessor("nextReview", {
    header: "Next review",
    cell: ({ row }) => (
      <span className="flex flex-wrap items-center gap-1 text-xs">
        <Time value={row.original.nextReview} className="whitespace-nowrap" />
        {row.original.reviewOverdue && <Badge tone="red">Review overdue</Badge>}
      </span>
    ),
  }),
];

export function RisksTable({ data, query, tools }: { data: RiskPage; query: RiskListQuery; tools: { slug: string; name: string }[] }) {
  return (
    <TableView
      columns={columns}
      data={data}
      query={query}
      caption="Risk register"
      exportHref="/api/v1/export/risks.csv"
      filters={{ tool: query.tool, treatment: query.treatment, likelihood: query.likelihood, impact: query.impact, overdue: query.overdue }}
      empty={{ title: "The risk register is empty", text: "Add the first risk with “New risk”." }}
      noMatch={{ title: "No risk matches these filters", text: "Clear a filter or choose another cell." }}
    >
      {(update) => (
        <>
          <FilterSelect id="filter-tool" label="Tool" className="w-48" value={query.tool ?? ""} options={tools.map((t) => [t.slug, t.name])} onChange={(v) => update({ tool: v })} />
          <FilterSelect id="filter-treatment" label="Treatment" className="w-40" value={query.treatment ?? ""} options={RISK_TREATMENTS.map((t) => [t, humanize(t)])} onChange={(v) => update({ treatment: v })} />
          <label className="mb-1.5 flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" checked={query.overdue} onChange={(e) => update({ overdue: e.target.checked ? "1" : null })} />
            Review overdue only
          </label>
          {query.likelihood && query.impact && (
            <span className="mb-1 inline-flex items-center gap-1 rounded-full bg-brand-50 px-2.5 py-1 text-xs font-medium text-brand-900" data-testid="cell-filter">
              Likelihood {query.likelihood} × impact {query.impact}
              <button type="button" className="ml-1 text-brand-700 hover:underline" onClick={() => update({ likelihood: null, impact: null })} aria-label="Clear the heat-map cell filter">
                ✕
              </button>
            </span>
          )}
        </>
      )}
    </TableView>
  );
}
