"use client";

import Link from "next/link";
import { columnHelper } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { TableView } from "@/components/data-table/table-view";
import { TruncatedCell } from "@/components/data-table/truncated-cell";
import { AutonomyBadge, humanize } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import type { ChangeDto } from "@/lib/dto/changes";
import { Time } from "@/components/ui/time";
import { AI_ORIGINS } from "@/lib/policy/types";
import type { ChangeListQuery } from "@/lib/validation/changes.validation";

const helper = columnHelper<ChangeDto>();

const ORIGIN_TONE = { AI_GENERATED: "purple", AI_ASSISTED: "blue", HUMAN: "neutral" } as const;

const columns = [
  helper.accessor("deployedAt", {
    header: "Deployed",
    enableHiding: false,
    cell: ({ getValue }) => <Time value={getValue()} format="minute" className="block w-24" />,
  }),
  helper.accessor("service", {
    header: "Service",
    cell: ({ row }) => (
      <div>
        <div className="font-medium">{row.original.service}</div>
        <TruncatedCell text={row.original.externalId} className="max-w-32 text-xs text-slate-600" />
      </div>
    ),
  }),
  helper.accessor("violations", {
    header: "Violations",
    enableSorting: false,
    cell: ({ getValue }) =>
      getValue().length === 0 ? (
        <span className="text-xs text-emerald-700">None</span>
      ) : (
        <ul className="w-44 space-y-1">
          {getValue().map((v) => (
            <li key={v.code} className="text-xs text-red-800">
              <Badge tone="red" wrap>{humanize(v.code)}</Badge>
              <TruncatedCell text={v.message} lines={2} className="mt-0.5 text-slate-600" />
            </li>
          ))}
        </ul>
      ),
  }),
  // The type under the environment: one column fewer, so that the ledger fits a laptop's screen.
  helper.accessor("environment", {
    header: "Environment",
    cell: ({ row }) => (
      <div>
        <div>{row.original.environment}</div>
        <div className="text-xs text-slate-600">{humanize(row.original.changeType)}</div>
      </div>
    ),
  }),
  helper.accessor("aiOrigin", { header: "AI origin", cell: ({ getValue }) => <Badge tone={ORIGIN_TONE[getValue() as keyof typeof ORIGIN_TONE]}>{humanize(getValue())}</Badge> }),
  helper.accessor("tool", {
    header: "Tool",
    cell: ({ row }) =>
      row.original.tool ? (
        <div className="flex flex-wrap items-center gap-1.5">
          <Link href={`/tools/${row.original.tool}`} className="text-brand-700 hover:underline">
            {row.original.tool}
          </Link>
          {row.original.mode && <AutonomyBadge value={row.original.mode} />}
        </div>
      ) : (
        "—"
      ),
  }),
  helper.accessor("approvers", { header: "Approvers", enableSorting: false, cell: ({ getValue }) => {
      const approvers = getValue();
      if (approvers.length === 0) return <span className="text-xs">none</span>;
      // One per line, each cut whole rather than broken inside an address.
      return (
        <ul className="w-28 text-xs">
          {approvers.map((email) => (
            <li key={email}>
              <TruncatedCell text={email} />
            </li>
          ))}
        </ul>
      );
    },
  }),
];

type ChangesData = { rows: ChangeDto[]; total: number; page: number; pageSize: number; pageCount: number };

export function ChangesTable({ data, query, tools, environments }: { data: ChangesData; query: ChangeListQuery; tools: string[]; environments: string[] }) {
  return (
    <TableView
      columns={columns}
      data={data}
      query={query}
      caption="AI-origin change ledger"
      exportHref="/api/v1/export/changes.csv"
      filters={{ aiOrigin: query.aiOrigin.length, environment: query.environment, tool: query.tool, violating: query.violating }}
      empty={{ title: "No changes recorded yet", text: "CI/CD records deployments with POST /api/v1/changes." }}
      noMatch={{ title: "No change matches these filters", text: "Clear a filter to see more." }}
    >
      {(update) => (
        <>
          <FilterSelect id="filter-origin" label="AI origin" value={query.aiOrigin[0] ?? ""} options={AI_ORIGINS.map((o) => [o, humanize(o)])} onChange={(v) => update({ aiOrigin: v })} />
          <FilterSelect id="filter-environment" label="Environment" value={query.environment ?? ""} options={environments.map((e) => [e, e])} onChange={(v) => update({ environment: v })} />
          <FilterSelect id="filter-tool" label="Tool" value={query.tool ?? ""} options={tools.map((t) => [t, t])} onChange={(v) => update({ tool: v })} />
          <label className="mb-1.5 flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={query.violating} onChange={(e) => update({ violating: e.target.checked ? "1" : null })} />
            Violating only
          </label>
        </>
      )}
    </TableView>
  );
}
