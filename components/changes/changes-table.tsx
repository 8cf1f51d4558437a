"use client";

import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, TableActions, useServerTable, type ServerTableFeatures } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlState } from "@/components/data-table/use-url-state";
import { AutonomyBadge, humanize } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Select } from "@/components/ui/form";
import type { ChangeDto } from "@/lib/dto/changes";
import { AI_ORIGINS } from "@/lib/policy/types";
import type { ChangeListQuery } from "@/lib/validation/changes.validation";

const helper = createColumnHelper<ServerTableFeatures, ChangeDto>();

const ORIGIN_TONE = { AI_GENERATED: "purple", AI_ASSISTED: "blue", HUMAN: "neutral" } as const;

const columns = [
  helper.accessor("deployedAt", {
    header: "Deployed",
    enableHiding: false,
    cell: ({ getValue }) => <time dateTime={getValue().toISOString()} className="whitespace-nowrap">{getValue().toISOString().slice(0, 16).replace("T", " ")}</time>,
  }),
  helper.accessor("service", {
    header: "Service",
    cell: ({ row }) => (
      <div>
        <div className="font-medium">{row.original.service}</div>
        <div className="text-xs text-slate-500">{row.original.externalId}</div>
      </div>
    ),
  }),
  helper.accessor("environment", { header: "Environment" }),
  helper.accessor("changeType", { header: "Type", cell: ({ getValue }) => humanize(getValue()) }),
  helper.accessor("aiOrigin", { header: "AI origin", cell: ({ getValue }) => <Badge tone={ORIGIN_TONE[getValue() as keyof typeof ORIGIN_TONE]}>{humanize(getValue())}</Badge> }),
  helper.accessor("tool", {
    header: "Tool",
    cell: ({ row }) =>
      row.original.tool ? (
        <div className="flex items-center gap-1.5">
          <Link href={`/tools/${row.original.tool}`} className="text-brand-700 hover:underline">
            {row.original.tool}
          </Link>
          {row.original.mode && <AutonomyBadge value={row.original.mode} />}
        </div>
      ) : (
        "—"
      ),
  }),
  helper.accessor("approvers", { header: "Approvers", enableSorting: false, cell: ({ getValue }) => <span className="text-xs">{getValue().join(", ") || "none"}</span> }),
  helper.accessor("violations", {
    header: "Violations",
    enableSorting: false,
    cell: ({ getValue }) =>
      getValue().length === 0 ? (
        <span className="text-xs text-emerald-700">None</span>
      ) : (
        <ul className="space-y-1">
          {getValue().map((v) => (
            <li key={v.code} className="text-xs text-red-800" title={v.message}>
              <Badge tone="red">{humanize(v.code)}</Badge>
              <span className="mt-0.5 block text-slate-600">{v.message}</span>
            </li>
          ))}
        </ul>
      ),
  }),
];

type ChangesData = { rows: ChangeDto[]; total: number; page: number; pageSize: number; pageCount: number };

export function ChangesTable({ data, query, tools, environments }: { data: ChangesData; query: ChangeListQuery; tools: string[]; environments: string[] }) {
  const { update, pending } = useUrlState();
  const table = useServerTable({ columns, data: data.rows, sort: { key: query.sort, dir: query.dir } });
  const filtered = Boolean(query.aiOrigin.length || query.environment || query.tool || query.violating);
  return (
    <div aria-busy={pending}>
      <div className="mb-3 flex flex-wrap items-end gap-2">
        <div className="w-44">
          <label htmlFor="filter-origin" className="mb-1 block text-xs font-medium text-slate-700">
            AI origin
          </label>
          <Select id="filter-origin" value={query.aiOrigin[0] ?? ""} onChange={(e) => update({ aiOrigin: e.target.value })}>
            <option value="">All</option>
            {AI_ORIGINS.map((o) => (
              <option key={o} value={o}>
                {humanize(o)}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-44">
          <label htmlFor="filter-environment" className="mb-1 block text-xs font-medium text-slate-700">
            Environment
          </label>
          <Select id="filter-environment" value={query.environment ?? ""} onChange={(e) => update({ environment: e.target.value })}>
            <option value="">All</option>
            {environments.map((env) => (
              <option key={env}>{env}</option>
            ))}
          </Select>
        </div>
        <div className="w-44">
          <label htmlFor="filter-tool" className="mb-1 block text-xs font-medium text-slate-700">
            Tool
          </label>
          <Select id="filter-tool" value={query.tool ?? ""} onChange={(e) => update({ tool: e.target.value })}>
            <option value="">All</option>
            {tools.map((tool) => (
              <option key={tool}>{tool}</option>
            ))}
          </Select>
        </div>
        <label className="mb-1.5 flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={query.violating} onChange={(e) => update({ violating: e.target.checked ? "1" : null })} />
          Violating only
        </label>
        {filtered && (
          <Button type="button" variant="ghost" onClick={() => update({ aiOrigin: null, environment: null, tool: null, violating: null })}>
            Clear filters
          </Button>
        )}
        <TableActions table={table} exportHref="/api/v1/export/changes.csv" exportQuery={query} />
      </div>
      <DataTable
        table={table}
        caption="AI-origin change ledger"
        empty={
          <EmptyState title={filtered ? "No change matches these filters" : "No changes recorded yet"}>
            {filtered ? "Clear a filter to see more." : "CI/CD records deployments with POST /api/v1/changes."}
          </EmptyState>
        }
      />
      <Pagination data={data} />
    </div>
  );
}
