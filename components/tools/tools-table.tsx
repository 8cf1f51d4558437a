"use client";

import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, TableActions, useServerTable, type ServerTableFeatures } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlState } from "@/components/data-table/use-url-state";
import { AutonomyBadge, humanize, ToolStatusBadge } from "@/components/domain-badges";
import { EmptyState } from "@/components/ui/card";
import { Input } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import type { ToolPage, ToolRow } from "@/lib/dto/tools";
import { TOOL_KINDS, TOOL_STATUSES } from "@/lib/policy/types";
import { type ToolListQuery } from "@/lib/validation/tools.validation";

const helper = createColumnHelper<ServerTableFeatures, ToolRow>();

const columns = [
  helper.accessor("name", {
    header: "Tool",
    enableHiding: false,
    cell: ({ row }) => (
      <div>
        <Link href={`/tools/${row.original.slug}`} className="font-medium text-brand-700 hover:underline">
          {row.original.name}
        </Link>
        <div className="text-xs text-slate-500">{row.original.slug}</div>
      </div>
    ),
  }),
  helper.accessor("vendor", { header: "Vendor" }),
  helper.accessor("kind", { header: "Kind", cell: ({ getValue }) => humanize(getValue()) }),
  helper.accessor("status", { header: "Status", cell: ({ getValue }) => <ToolStatusBadge value={getValue()} /> }),
  helper.accessor("ownerTeam", { header: "Owner team" }),
  helper.accessor("modes", {
    header: "Modes",
    enableSorting: false,
    cell: ({ getValue }) => (
      <div className="flex flex-wrap gap-1">
        {getValue().map((mode) => (
          <AutonomyBadge key={mode} value={mode} />
        ))}
      </div>
    ),
  }),
  helper.accessor("environments", {
    header: "Environments reached",
    enableSorting: false,
    cell: ({ getValue }) => <span className="text-xs text-slate-600">{getValue().join(", ") || "—"}</span>,
  }),
  helper.accessor("updatedAt", {
    header: "Updated",
    cell: ({ getValue }) => <time dateTime={getValue().toISOString()}>{getValue().toISOString().slice(0, 10)}</time>,
  }),
];

export function ToolsTable({ data, query, teams, environments }: { data: ToolPage; query: ToolListQuery; teams: string[]; environments: string[] }) {
  const { update, pending } = useUrlState();
  const table = useServerTable({ columns, data: data.rows, sort: { key: query.sort, dir: query.dir } });
  const filtered = Boolean(query.q || query.status.length || query.kind.length || query.team || query.environment);

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
        <div className="w-64">
          <label htmlFor="tool-search" className="mb-1 block text-xs font-medium text-slate-700">
            Search
          </label>
          <Input id="tool-search" name="q" type="search" defaultValue={query.q} placeholder="Name, slug, vendor…" key={query.q ?? ""} />
        </div>
        <FilterSelect id="filter-status" label="Status" value={query.status[0] ?? ""} options={TOOL_STATUSES.map((s) => [s, humanize(s)] as const)} onChange={(v) => update({ status: v })} />
        <FilterSelect id="filter-kind" label="Kind" value={query.kind[0] ?? ""} options={TOOL_KINDS.map((k) => [k, humanize(k)] as const)} onChange={(v) => update({ kind: v })} />
        <FilterSelect id="filter-team" label="Owner team" value={query.team ?? ""} options={teams.map((t) => [t, t] as const)} onChange={(v) => update({ team: v })} />
        <FilterSelect id="filter-environment" label="Environment reached" value={query.environment ?? ""} options={environments.map((e) => [e, e] as const)} onChange={(v) => update({ environment: v })} />
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {filtered && (
          <Button type="button" variant="ghost" onClick={() => update({ q: null, status: null, kind: null, team: null, environment: null })}>
            Clear filters
          </Button>
        )}
        <TableActions table={table} exportHref="/api/v1/export/tools.csv" exportQuery={query} />
      </form>
      <DataTable
        table={table}
        caption="AI tools in the register"
        empty={
          <EmptyState title={filtered ? "No tool matches these filters" : "The register is empty"}>
            {filtered ? "Clear a filter or search for something else." : "Register the first AI tool through the API (POST /api/v1/tools)."}
          </EmptyState>
        }
      />
      <Pagination data={data} />
    </div>
  );
}
