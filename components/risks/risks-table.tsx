"use client";

import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, TableActions, useServerTable, type ServerTableFeatures } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlState } from "@/components/data-table/use-url-state";
import { humanize } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Select } from "@/components/ui/form";
import type { RiskDto, RiskPage } from "@/lib/dto/risks";
import { RISK_TREATMENTS, type RiskListQuery } from "@/lib/validation/risks.validation";
import { RiskScoreBadge } from "./risk-score";

const helper = createColumnHelper<ServerTableFeatures, RiskDto>();

const columns = [
  helper.accessor("score", { header: "Score", enableHiding: false, cell: ({ getValue }) => <RiskScoreBadge score={getValue()} /> }),
  helper.accessor("statement", {
    header: "Risk",
    enableSorting: false,
    enableHiding: false,
    cell: ({ row }) => (
      <div className="min-w-72 max-w-xl">
        <Link href={`/risks/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
          {row.original.statement}
        </Link>
      </div>
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
  helper.accessor("likelihood", { header: "Likelihood", cell: ({ getValue }) => <span className="tabular-nums">{getValue()}</span> }),
  helper.accessor("impact", { header: "Impact", cell: ({ getValue }) => <span className="tabular-nums">{getValue()}</span> }),
  helper.accessor("treatment", { header: "Treatment", cell: ({ getValue }) => humanize(getValue()) }),
  helper.display({
    id: "owner",
    header: "Owner",
    cell: ({ row }) => <span className="text-xs">{[row.original.ownerTeam, row.original.ownerUser?.name].filter(Boolean).join(" · ") || "—"}</span>,
  }),
  helper.accessor("nextReview", {
    header: "Next review",
    cell: ({ row }) => (
      <span className="flex flex-wrap items-center gap-1 whitespace-nowrap text-xs">
        <time dateTime={row.original.nextReview.toISOString()}>{row.original.nextReview.toISOString().slice(0, 10)}</time>
        {row.original.reviewOverdue && <Badge tone="red">Review overdue</Badge>}
      </span>
    ),
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
];

export function RisksTable({ data, query, tools }: { data: RiskPage; query: RiskListQuery; tools: { slug: string; name: string }[] }) {
  const { update, pending } = useUrlState();
  const table = useServerTable({ columns, data: data.rows, sort: { key: query.sort, dir: query.dir } });
  const filtered = Boolean(query.tool || query.treatment || query.likelihood || query.impact || query.overdue);
  return (
    <div aria-busy={pending}>
      <div className="mb-3 flex flex-wrap items-end gap-2">
        <div className="w-48">
          <label htmlFor="filter-tool" className="mb-1 block text-xs font-medium text-slate-700">
            Tool
          </label>
          <Select id="filter-tool" value={query.tool ?? ""} onChange={(e) => update({ tool: e.target.value })}>
            <option value="">All</option>
            {tools.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-40">
          <label htmlFor="filter-treatment" className="mb-1 block text-xs font-medium text-slate-700">
            Treatment
          </label>
          <Select id="filter-treatment" value={query.treatment ?? ""} onChange={(e) => update({ treatment: e.target.value })}>
            <option value="">All</option>
            {RISK_TREATMENTS.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </Select>
        </div>
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
        {filtered && (
          <Button type="button" variant="ghost" onClick={() => update({ tool: null, treatment: null, likelihood: null, impact: null, overdue: null })}>
            Clear filters
          </Button>
        )}
        <TableActions table={table} exportHref="/api/v1/export/risks.csv" exportQuery={query} />
      </div>
      <DataTable
        table={table}
        caption="Risk register"
        empty={
          <EmptyState title={filtered ? "No risk matches these filters" : "The risk register is empty"}>
            {filtered ? "Clear a filter or choose another cell." : "Add the first risk with “New risk”."}
          </EmptyState>
        }
      />
      <Pagination data={data} />
    </div>
  );
}
