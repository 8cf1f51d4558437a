"use client";

import { columnHelper } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { TableView } from "@/components/data-table/table-view";
import { TitleCell } from "@/components/data-table/title-cell";
import { Time } from "@/components/ui/time";
import { AutonomyBadge, humanize, ToolStatusBadge } from "@/components/domain-badges";
import type { ToolPage, ToolRow } from "@/lib/dto/tools";
import { TOOL_KINDS, TOOL_STATUSES } from "@/lib/policy/types";
import { type ToolListQuery } from "@/lib/validation/tools.validation";

const helper = columnHelper<ToolRow>();

const columns = [
  helper.accessor("name", {
    header: "Tool",
    enableHiding: false,
    cell: ({ row: { original: t } }) => (
      <TitleCell href={`/tools/${t.slug}`} title={t.name}>
        <div className="text-xs text-slate-500">{t.slug}</div>
      </TitleCell>
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
  helper.accessor("updatedAt", { header: "Updated", cell: ({ getValue }) => <Time value={getValue()} /> }),
];

export function ToolsTable({ data, query, teams, environments }: { data: ToolPage; query: ToolListQuery; teams: string[]; environments: string[] }) {
  return (
    <TableView
      columns={columns}
      data={data}
      query={query}
      caption="AI tools in the register"
      exportHref="/api/v1/export/tools.csv"
      search={{ id: "tool-search", value: query.q, placeholder: "Name, slug, vendor…", className: "w-64" }}
      filters={{ q: query.q, status: query.status.length, kind: query.kind.length, team: query.team, environment: query.environment }}
      empty={{ title: "The register is empty", text: "Register the first AI tool through the API (POST /api/v1/tools)." }}
      noMatch={{ title: "No tool matches these filters", text: "Clear a filter or search for something else." }}
    >
      {(update) => (
        <>
          <FilterSelect id="filter-status" label="Status" value={query.status[0] ?? ""} options={TOOL_STATUSES.map((s) => [s, humanize(s)])} onChange={(v) => update({ status: v })} />
          <FilterSelect id="filter-kind" label="Kind" value={query.kind[0] ?? ""} options={TOOL_KINDS.map((k) => [k, humanize(k)])} onChange={(v) => update({ kind: v })} />
          <FilterSelect id="filter-team" label="Owner team" value={query.team ?? ""} options={teams.map((t) => [t, t])} onChange={(v) => update({ team: v })} />
          <FilterSelect id="filter-environment" label="Environment reached" value={query.environment ?? ""} options={environments.map((e) => [e, e])} onChange={(v) => update({ environment: v })} />
        </>
      )}
    </TableView>
  );
}
