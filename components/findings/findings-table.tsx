"use client";

import Link from "next/link";
import { columnHelper } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { FilterText } from "@/components/data-table/filter-text";
import { TableView } from "@/components/data-table/table-view";
import type { Option } from "@/components/ui/form";
import { Time } from "@/components/ui/time";
import { humanize, SeverityBadge } from "@/components/domain-badges";
import type { FindingDto } from "@/lib/dto/findings";
import { AcceptanceNote } from "./acceptance-note";
import { FINDING_RULES, SEVERITIES } from "@/lib/policy/types";
import type { FindingPageQuery } from "@/lib/validation/findings.validation";

const helper = columnHelper<FindingDto>();

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
  helper.accessor("explanation", {
    header: "Explanation",
    enableSorting: false,
    cell: ({ getValue, row }) => (
      <>
        <Link href={`/findings/${row.original.id}`} className="text-slate-800 hover:underline">
          {getValue()}
        </Link>
        {row.original.acceptance && (
          <span className="mt-1 block">
            <AcceptanceNote acceptance={row.original.acceptance} />
          </span>
        )}
      </>
    ),
  }),
  helper.accessor("firstSeenAt", { header: "First seen", cell: ({ getValue }) => <Time value={getValue()} className="whitespace-nowrap" /> }),
  helper.accessor("resolvedAt", { header: "Resolved", enableSorting: false, cell: ({ getValue }) => { const at = getValue(); return at ? <Time value={at} className="whitespace-nowrap" /> : <span className="text-slate-600">open</span>; } }),
];

type FindingsData = { rows: FindingDto[]; total: number; page: number; pageSize: number; pageCount: number };

const STATES: readonly Option[] = [
  ["open", "Open"],
  ["resolved", "Resolved"],
  ["all", "Open and resolved"],
];

export function FindingsTable({ data, query, toolSuggestions, environments }: { data: FindingsData; query: FindingPageQuery; toolSuggestions: string[]; environments: string[] }) {
  const filters: { id: "severity" | "rule" | "environment"; label: string; options: readonly Option[] }[] = [
    { id: "severity", label: "Severity", options: [...SEVERITIES].reverse().map((s) => [s, humanize(s)]) },
    { id: "rule", label: "Rule", options: FINDING_RULES.map((r) => [r, humanize(r)]) },
    { id: "environment", label: "Environment", options: environments.map((e) => [e, e]) },
  ];
  return (
    <TableView
      columns={columns}
      data={data}
      query={query}
      caption="Findings"
      exportHref="/api/v1/export/findings.csv"
      filters={{ tool: query.tool, environment: query.environment, severity: query.severity, rule: query.rule, state: query.state === "open" ? undefined : query.state }}
      empty={{ title: "No findings", text: "Every observed tool stays within what it was allowed." }}
      noMatch={{ title: "No finding matches these filters", text: "Clear a filter to see more." }}
    >
      {(update) => (
        <>
          <FilterSelect id="filter-state" label="State" className="w-48" value={query.state} options={STATES} all={false} onChange={(v) => update({ state: v === "open" ? null : v })} />
          {filters.map((filter) => (
            <FilterSelect key={filter.id} id={`filter-${filter.id}`} label={filter.label} className="w-48" value={query[filter.id] ?? ""} options={filter.options} onChange={(v) => update({ [filter.id]: v })} />
          ))}
          <FilterText id="filter-tool" label="Tool" value={query.tool ?? ""} suggestions={toolSuggestions} onChange={(v) => update({ tool: v || null })} />
        </>
      )}
    </TableView>
  );
}
