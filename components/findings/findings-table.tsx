"use client";

import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, TableActions, useServerTable, type ServerTableFeatures } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlState } from "@/components/data-table/use-url-state";
import { humanize, SeverityBadge } from "@/components/domain-badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Select } from "@/components/ui/form";
import type { FindingDto } from "@/lib/dto/findings";
import type { Page } from "@/lib/dto/page";
import { FINDING_RULES, SEVERITIES } from "@/lib/policy/types";
import type { FindingPageQuery } from "@/lib/validation/findings.validation";

const helper = createColumnHelper<ServerTableFeatures, FindingDto>();

const columns = [
  helper.accessor("severity", { header: "Severity", enableHiding: false, cell: ({ getValue }) => <SeverityBadge value={getValue()} /> }),
  helper.accessor("tool", {
    header: "Tool",
    cell: ({ getValue }) => (
      <Link href={`/tools/${getValue()}`} className="font-medium text-brand-700 hover:underline">
        {getValue()}
      </Link>
    ),
  }),
  helper.accessor("environment", { header: "Environment" }),
  helper.accessor("rule", { header: "Rule", cell: ({ getValue }) => <span className="whitespace-nowrap">{humanize(getValue())}</span> }),
  helper.accessor("explanation", { header: "Explanation", enableSorting: false, cell: ({ getValue }) => <span className="text-slate-700">{getValue()}</span> }),
  helper.accessor("since", { header: "Since", cell: ({ getValue }) => <time dateTime={getValue().toISOString()}>{getValue().toISOString().slice(0, 10)}</time> }),
];

export function FindingsTable({ data, query, tools, environments }: { data: Page<FindingDto>; query: FindingPageQuery; tools: string[]; environments: string[] }) {
  const { update, pending } = useUrlState();
  const table = useServerTable({ columns, data: data.rows, sort: { key: query.sort, dir: query.dir } });
  const filtered = Boolean(query.tool || query.environment || query.severity || query.rule);
  const filters: { id: keyof FindingPageQuery; label: string; options: readonly string[]; raw?: boolean }[] = [
    { id: "severity", label: "Severity", options: [...SEVERITIES].reverse() },
    { id: "rule", label: "Rule", options: FINDING_RULES },
    { id: "tool", label: "Tool", options: tools, raw: true },
    { id: "environment", label: "Environment", options: environments, raw: true },
  ];
  return (
    <div aria-busy={pending}>
      <div className="mb-3 flex flex-wrap items-end gap-2">
        {filters.map((filter) => (
          <div key={filter.id} className="w-48">
            <label htmlFor={`filter-${filter.id}`} className="mb-1 block text-xs font-medium text-slate-700">
              {filter.label}
            </label>
            <Select id={`filter-${filter.id}`} value={String(query[filter.id] ?? "")} onChange={(e) => update({ [filter.id]: e.target.value })}>
              <option value="">All</option>
              {filter.options.map((option) => (
                <option key={option} value={option}>
                  {filter.raw ? option : humanize(option)}
                </option>
              ))}
            </Select>
          </div>
        ))}
        {filtered && (
          <Button type="button" variant="ghost" onClick={() => update({ tool: null, environment: null, severity: null, rule: null })}>
            Clear filters
          </Button>
        )}
        <TableActions table={table} exportHref="/api/v1/export/findings.csv" exportQuery={query} />
      </div>
      <DataTable
        table={table}
        caption="Findings"
        empty={
          <EmptyState title={filtered ? "No finding matches these filters" : "No findings"}>
            {filtered ? "Clear a filter to see more." : "Every observed tool stays within what it was allowed."}
          </EmptyState>
        }
      />
      <Pagination data={data} />
    </div>
  );
}
