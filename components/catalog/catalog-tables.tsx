"use client";

import { columnHelper } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { TableView } from "@/components/data-table/table-view";
import { TitleCell } from "@/components/data-table/title-cell";
import { CapabilityClassBadge, DataSensitivityBadge, humanize, TierBadge } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import type { CapabilityDto, EnvironmentDto, TeamDto } from "@/lib/dto/catalog";
import type { Page } from "@/lib/dto/page";
import { CAPABILITY_CLASSES, TIERS } from "@/lib/policy/types";
import type { CapabilityListQuery, EnvironmentListQuery, TeamListQuery } from "@/lib/validation/catalog.validation";

// The catalog lists keep the API's fixed order (environments by tier, capabilities by class, teams by
// name), so no column sorts; search and filters go through the URL like every register table.
const fixedOrder = <Q extends object>(query: Q, sort: string) => ({ ...query, sort, dir: "asc" as const });

export const catalogHref = (kind: "environments" | "capabilities" | "teams", id: string) => `/catalog/${kind}/${encodeURIComponent(id)}`;

const environment = columnHelper<EnvironmentDto>();
const environmentColumns = [
  environment.accessor("name", {
    header: "Environment",
    enableSorting: false,
    enableHiding: false,
    cell: ({ row: { original: e } }) => (
      <TitleCell href={catalogHref("environments", e.name)} title={e.name} className="min-w-48 max-w-md">
        {e.description && <p className="mt-0.5 text-xs text-slate-600">{e.description}</p>}
      </TitleCell>
    ),
  }),
  environment.accessor("tier", { header: "Tier", enableSorting: false, cell: ({ getValue }) => <TierBadge value={getValue()} /> }),
  environment.accessor("dataSensitivity", { header: "Data", enableSorting: false, cell: ({ getValue }) => <DataSensitivityBadge value={getValue()} /> }),
  environment.accessor("criticalPath", {
    header: "Critical path",
    enableSorting: false,
    cell: ({ getValue }) => (getValue() ? <Badge tone="red">Critical path</Badge> : <span className="text-xs text-slate-600">No</span>),
  }),
];

export function EnvironmentsTable({ data, query }: { data: Page<EnvironmentDto>; query: EnvironmentListQuery }) {
  return (
    <TableView
      columns={environmentColumns}
      data={data}
      query={fixedOrder(query, "tier")}
      caption="Environments"
      search={{ id: "environment-search", value: query.q, placeholder: "Name or description", className: "w-full sm:w-64" }}
      filters={{ q: query.q, tier: query.tier }}
      empty={{ title: "No environments yet", text: "Platform leads and admins add them here." }}
      noMatch={{ title: "No environment matches", text: "Clear the search or the tier filter." }}
    >
      {(update) => <FilterSelect id="filter-tier" label="Tier" className="w-44" value={query.tier ?? ""} options={TIERS.map((t) => [t, humanize(t)])} onChange={(v) => update({ tier: v })} />}
    </TableView>
  );
}

const capability = columnHelper<CapabilityDto>();
const capabilityColumns = [
  capability.accessor("key", {
    header: "Capability",
    enableSorting: false,
    enableHiding: false,
    cell: ({ row: { original: c } }) => <TitleCell href={catalogHref("capabilities", c.key)} title={<code className="font-mono text-[13px]">{c.key}</code>} className="whitespace-nowrap" />,
  }),
  capability.accessor("class", { header: "Class", enableSorting: false, cell: ({ getValue }) => <CapabilityClassBadge value={getValue()} /> }),
  capability.accessor("description", {
    header: "Description",
    enableSorting: false,
    cell: ({ getValue }) => <span className="block min-w-48 max-w-xl text-xs text-slate-700">{getValue() || "—"}</span>,
  }),
];

export function CapabilitiesTable({ data, query }: { data: Page<CapabilityDto>; query: CapabilityListQuery }) {
  return (
    <TableView
      columns={capabilityColumns}
      data={data}
      query={fixedOrder(query, "class")}
      caption="Capabilities"
      search={{ id: "capability-search", value: query.q, placeholder: "Key or description", className: "w-full sm:w-64" }}
      filters={{ q: query.q, class: query.class }}
      empty={{ title: "No capabilities yet", text: "Platform leads and admins add them here." }}
      noMatch={{ title: "No capability matches", text: "Clear the search or the class filter." }}
    >
      {(update) => (
        <FilterSelect id="filter-class" label="Class" className="w-44" value={query.class ?? ""} options={CAPABILITY_CLASSES.map((c) => [c, humanize(c)])} onChange={(v) => update({ class: v })} />
      )}
    </TableView>
  );
}

const team = columnHelper<TeamDto>();
const teamColumns = [
  team.accessor("name", {
    header: "Team",
    enableSorting: false,
    enableHiding: false,
    cell: ({ row: { original: t } }) => <TitleCell href={catalogHref("teams", t.name)} title={t.name} className="whitespace-nowrap" />,
  }),
  team.accessor("description", {
    header: "Description",
    enableSorting: false,
    cell: ({ getValue }) => <span className="block min-w-48 max-w-xl text-xs text-slate-700">{getValue() || "—"}</span>,
  }),
  team.accessor("toolCount", { header: "Tools", enableSorting: false, cell: ({ getValue }) => <span className="tabular-nums">{getValue()}</span> }),
];

export function TeamsTable({ data, query }: { data: Page<TeamDto>; query: TeamListQuery }) {
  return (
    <TableView
      columns={teamColumns}
      data={data}
      query={fixedOrder(query, "name")}
      caption="Teams"
      search={{ id: "team-search", value: query.q, placeholder: "Name or description", className: "w-full sm:w-64" }}
      filters={{ q: query.q }}
      empty={{ title: "No teams yet", text: "Platform leads and admins add them here." }}
      noMatch={{ title: "No team matches", text: "Clear the search." }}
    />
  );
}
