"use client";

import Link from "next/link";
import type { AuditEventDto, AuditPage } from "@/lib/dto/audit";
import { columnHelper } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { TableView } from "@/components/data-table/table-view";
import { Time } from "@/components/ui/time";
import { EventChanges } from "./event-changes";

const helper = columnHelper<AuditEventDto>();

function entityHref(event: AuditEventDto): string | null {
  if (event.entity === "Grant") return `/grants/${event.entityId}`;
  if (event.entity === "AiTool") return `/tools/${event.entityId}`;
  if (event.entity === "DiscoveryRun") return `/discovery/${event.entityId}`;
  return null;
}

const columns = [
  helper.accessor("id", { header: "#", enableSorting: false, cell: ({ getValue }) => <span className="text-xs text-slate-500">{getValue()}</span> }),
  helper.accessor("at", { header: "Time (UTC)", enableSorting: false, cell: ({ getValue }) => <Time value={getValue()} format="second" className="whitespace-nowrap text-xs" /> }),
  helper.accessor("actor", { header: "Actor", enableSorting: false, cell: ({ getValue }) => <span className="text-xs wrap-anywhere">{getValue()}</span> }),
  helper.accessor("action", { header: "Action", enableSorting: false, enableHiding: false, cell: ({ getValue }) => <span className="font-medium wrap-anywhere">{getValue()}</span> }),
  helper.accessor("entity", {
    header: "Entity",
    enableSorting: false,
    cell: ({ row: { original: e } }) => {
      const href = entityHref(e);
      return (
        <div className="text-xs">
          <div className="text-slate-500">{e.entity}</div>
          {href ? (
            <Link href={href} className="break-all text-brand-700 hover:underline">
              {e.entityId}
            </Link>
          ) : (
            <span className="break-all">{e.entityId}</span>
          )}
        </div>
      );
    },
  }),
  helper.display({
    id: "changes",
    header: "Before → after",
    cell: ({ row: { original: e } }) => (
      <div className="min-w-44 max-w-md">
        <EventChanges before={e.before} after={e.after} />
      </div>
    ),
  }),
  helper.accessor("hash", {
    header: "Hash",
    enableSorting: false,
    cell: ({ getValue }) => (
      <code className="text-xs text-slate-600" title={getValue()}>
        {getValue().slice(0, 12)}…
      </code>
    ),
  }),
];

interface Facets {
  entities: string[];
  actions: string[];
  actors: string[];
}

type Filters = { entity?: string; entityId?: string; actor?: string; action?: string; q?: string };

export function AuditTable({ data, query, facets }: { data: AuditPage; query: Filters; facets: Facets }) {
  const selects: { id: "entity" | "action" | "actor"; label: string; options: string[] }[] = [
    { id: "entity", label: "Entity", options: facets.entities },
    { id: "action", label: "Action", options: facets.actions },
    { id: "actor", label: "Actor", options: facets.actors },
  ];
  return (
    <TableView
      columns={columns}
      data={data}
      // Newest first, always: the audit log is read in the order it was written.
      query={{ ...query, sort: "id", dir: "desc" }}
      caption="Audit events, newest first"
      exportHref="/api/v1/export/audit.csv"
      search={{ id: "audit-search", value: query.q, placeholder: "Action, entity id, actor…", className: "w-56" }}
      filters={{ entity: query.entity, entityId: query.entityId, actor: query.actor, action: query.action, q: query.q }}
      chips={query.entityId && <span className="self-center rounded bg-slate-100 px-2 py-1 text-xs text-slate-700">id = {query.entityId}</span>}
      empty={{ title: "No events yet", text: "Every change to the register is recorded here." }}
      noMatch={{ title: "No event matches these filters", text: "Clear a filter to see more." }}
    >
      {(update) =>
        selects.map((filter) => (
          <FilterSelect
            key={filter.id}
            id={`filter-${filter.id}`}
            label={filter.label}
            className="w-52"
            value={query[filter.id] ?? ""}
            options={filter.options.map((option) => [option, option])}
            onChange={(v) => update({ [filter.id]: v })}
          />
        ))
      }
    </TableView>
  );
}
