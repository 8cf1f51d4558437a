"use client";

import Link from "next/link";
import { columnHelper } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { TableView } from "@/components/data-table/table-view";
import { TitleCell } from "@/components/data-table/title-cell";
import { humanize, IncidentSeverityBadge } from "@/components/domain-badges";
import type { IncidentPage, IncidentRow } from "@/lib/dto/incidents";
import { formatDuration } from "@/lib/metrics/incidents";
import { INCIDENT_SEVERITIES } from "@/lib/policy/types";
import { GENAI_ANSWERS, INCIDENT_STATUSES, type IncidentListQuery } from "@/lib/validation/incidents.validation";
import { Time } from "@/components/ui/time";
import { AiLinkedBadge, GenAiBadge, IncidentStatusBadge, ToolRoleBadge } from "./incident-badges";

const helper = columnHelper<IncidentRow>();

const columns = [
  helper.accessor("key", {
    header: "Incident",
    enableHiding: false,
    cell: ({ row: { original: i } }) => (
      <TitleCell href={`/incidents/${i.key}`} title={i.key} className="max-w-md">
        <div className="text-xs text-slate-600">{i.title}</div>
      </TitleCell>
    ),
  }),
  helper.accessor("severity", { header: "Severity", cell: ({ getValue }) => <IncidentSeverityBadge value={getValue()} /> }),
  helper.accessor("status", { header: "Status", cell: ({ getValue }) => <IncidentStatusBadge value={getValue()} /> }),
  helper.accessor("genAiContributed", {
    header: "GenAI contributed",
    enableSorting: false,
    cell: ({ row }) => (
      <div className="flex flex-wrap items-center gap-1">
        <GenAiBadge value={row.original.genAiContributed} />
        {row.original.aiLinked && <AiLinkedBadge />}
      </div>
    ),
  }),
  helper.accessor("tools", {
    header: "Tools",
    enableSorting: false,
    cell: ({ getValue }) =>
      getValue().length === 0 ? (
        <span className="text-xs text-slate-600">none linked</span>
      ) : (
        <ul className="space-y-0.5">
          {getValue().map((t) => (
            <li key={t.slug} className="flex items-center gap-1.5 whitespace-nowrap text-xs">
              <Link href={`/tools/${t.slug}`} className="text-brand-700 hover:underline">
                {t.slug}
              </Link>
              <ToolRoleBadge value={t.role} />
            </li>
          ))}
        </ul>
      ),
  }),
  helper.accessor("startedAt", { header: "Started", cell: ({ getValue }) => <Time value={getValue()} format="utc" className="whitespace-nowrap text-xs" /> }),
  helper.accessor("durationMs", {
    header: "Duration",
    enableSorting: false,
    cell: ({ row }) => (
      <span className="whitespace-nowrap text-xs">
        {formatDuration(row.original.durationMs)}
        {row.original.ongoing && <span className="ml-1 font-medium text-red-700">ongoing</span>}
      </span>
    ),
  }),
];

export function IncidentsTable({ data, query, tools }: { data: IncidentPage; query: IncidentListQuery; tools: { slug: string; name: string }[] }) {
  return (
    <TableView
      columns={columns}
      data={data}
      query={query}
      caption="Incidents"
      exportHref="/api/v1/export/incidents.csv"
      search={{ id: "incident-search", value: query.q, placeholder: "Key, title, summary…", className: "w-56" }}
      filters={{ q: query.q, severity: query.severity.length, status: query.status.length, genAi: query.genAi, tool: query.tool }}
      empty={{ title: "No incidents recorded", text: "Record the first one with “New incident”, or POST /api/v1/incidents." }}
      noMatch={{ title: "No incident matches these filters", text: "Clear a filter or search for something else." }}
    >
      {(update) => (
        <>
          <FilterSelect id="filter-severity" label="Severity" value={query.severity[0] ?? ""} options={INCIDENT_SEVERITIES.map((s) => [s, s])} onChange={(v) => update({ severity: v })} />
          <FilterSelect id="filter-status" label="Status" value={query.status[0] ?? ""} options={INCIDENT_STATUSES.map((s) => [s, humanize(s)])} onChange={(v) => update({ status: v })} />
          <FilterSelect id="filter-genai" label="GenAI contributed" value={query.genAi ?? ""} options={GENAI_ANSWERS.map((s) => [s, humanize(s)])} onChange={(v) => update({ genAi: v })} />
          <FilterSelect id="filter-tool" label="Linked tool" value={query.tool ?? ""} options={tools.map((t) => [t.slug, t.name])} onChange={(v) => update({ tool: v })} />
        </>
      )}
    </TableView>
  );
}
