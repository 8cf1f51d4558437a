"use client";

import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, TableActions, useServerTable, type ServerTableFeatures } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlState } from "@/components/data-table/use-url-state";
import { humanize, IncidentSeverityBadge } from "@/components/domain-badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Input } from "@/components/ui/form";
import type { IncidentPage, IncidentRow } from "@/lib/dto/incidents";
import { formatDuration } from "@/lib/metrics/incidents";
import { INCIDENT_SEVERITIES } from "@/lib/policy/types";
import { GENAI_ANSWERS, INCIDENT_STATUSES, type IncidentListQuery } from "@/lib/validation/incidents.validation";
import { formatUtc } from "./format";
import { AiLinkedBadge, GenAiBadge, IncidentStatusBadge, ToolRoleBadge } from "./incident-badges";

const helper = createColumnHelper<ServerTableFeatures, IncidentRow>();

const columns = [
  helper.accessor("key", {
    header: "Incident",
    enableHiding: false,
    cell: ({ row }) => (
      <div className="max-w-md">
        <Link href={`/incidents/${row.original.key}`} className="font-medium text-brand-700 hover:underline">
          {row.original.key}
        </Link>
        <div className="text-xs text-slate-600">{row.original.title}</div>
      </div>
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
        <span className="text-xs text-slate-400">none linked</span>
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
  helper.accessor("startedAt", {
    header: "Started",
    cell: ({ getValue }) => (
      <time dateTime={getValue().toISOString()} className="whitespace-nowrap text-xs">
        {formatUtc(getValue())}
      </time>
    ),
  }),
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
  const { update, pending } = useUrlState();
  const table = useServerTable({ columns, data: data.rows, sort: { key: query.sort, dir: query.dir } });
  const filtered = Boolean(query.q || query.severity.length || query.status.length || query.genAi || query.tool);

  return (
    <div aria-busy={pending}>
      <form
        role="search"
        className="mb-3 flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: String(new FormData(event.currentTarget).get("q") ?? "") });
        }}
      >
        <div className="w-56">
          <label htmlFor="incident-search" className="mb-1 block text-xs font-medium text-slate-700">
            Search
          </label>
          <Input id="incident-search" name="q" type="search" defaultValue={query.q} placeholder="Key, title, summary…" key={query.q ?? ""} />
        </div>
        <FilterSelect id="filter-severity" label="Severity" value={query.severity[0] ?? ""} options={INCIDENT_SEVERITIES.map((s) => [s, s])} onChange={(v) => update({ severity: v })} />
        <FilterSelect id="filter-status" label="Status" value={query.status[0] ?? ""} options={INCIDENT_STATUSES.map((s) => [s, humanize(s)])} onChange={(v) => update({ status: v })} />
        <FilterSelect id="filter-genai" label="GenAI contributed" value={query.genAi ?? ""} options={GENAI_ANSWERS.map((s) => [s, humanize(s)])} onChange={(v) => update({ genAi: v })} />
        <FilterSelect id="filter-tool" label="Linked tool" value={query.tool ?? ""} options={tools.map((t) => [t.slug, t.name])} onChange={(v) => update({ tool: v })} />
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {filtered && (
          <Button type="button" variant="ghost" onClick={() => update({ q: null, severity: null, status: null, genAi: null, tool: null })}>
            Clear filters
          </Button>
        )}
        <TableActions table={table} exportHref="/api/v1/export/incidents.csv" exportQuery={query} />
      </form>
      <DataTable
        table={table}
        caption="Incidents"
        empty={
          <EmptyState title={filtered ? "No incident matches these filters" : "No incidents recorded"}>
            {filtered ? "Clear a filter or search for something else." : "Record the first one with “New incident”, or POST /api/v1/incidents."}
          </EmptyState>
        }
      />
      <Pagination data={data} />
    </div>
  );
}
