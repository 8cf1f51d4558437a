"use client";

import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, TableActions, useServerTable, type ServerTableFeatures } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlState } from "@/components/data-table/use-url-state";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/form";
import type { AuditEventDto, AuditPage } from "@/lib/dto/audit";
import { EventChanges } from "./event-changes";

const helper = createColumnHelper<ServerTableFeatures, AuditEventDto>();

function entityHref(event: AuditEventDto): string | null {
  if (event.entity === "Grant") return `/grants/${event.entityId}`;
  if (event.entity === "AiTool") return `/tools/${event.entityId}`;
  return null;
}

const columns = [
  helper.accessor("id", { header: "#", enableSorting: false, cell: ({ getValue }) => <span className="text-xs text-slate-500">{getValue()}</span> }),
  helper.accessor("at", {
    header: "Time (UTC)",
    enableSorting: false,
    cell: ({ getValue }) => (
      <time dateTime={getValue().toISOString()} className="whitespace-nowrap text-xs">
        {getValue().toISOString().slice(0, 19).replace("T", " ")}
      </time>
    ),
  }),
  helper.accessor("actor", { header: "Actor", enableSorting: false, cell: ({ getValue }) => <span className="text-xs">{getValue()}</span> }),
  helper.accessor("action", { header: "Action", enableSorting: false, enableHiding: false, cell: ({ getValue }) => <span className="font-medium whitespace-nowrap">{getValue()}</span> }),
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
      <div className="min-w-72 max-w-xl">
        <EventChanges before={e.before} after={e.after} />
      </div>
    ),
  }),
  helper.accessor("hash", {
    header: "Hash",
    enableSorting: false,
    cell: ({ getValue }) => (
      <code className="text-[10px] text-slate-500" title={getValue()}>
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
  const { update, pending } = useUrlState();
  const table = useServerTable({ columns, data: data.rows, sort: { key: "id", dir: "desc" } });
  const filtered = Boolean(query.entity || query.entityId || query.actor || query.action || query.q);
  const selects: { id: keyof Filters; label: string; options: string[] }[] = [
    { id: "entity", label: "Entity", options: facets.entities },
    { id: "action", label: "Action", options: facets.actions },
    { id: "actor", label: "Actor", options: facets.actors },
  ];
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
          <label htmlFor="audit-search" className="mb-1 block text-xs font-medium text-slate-700">
            Search
          </label>
          <Input id="audit-search" name="q" type="search" defaultValue={query.q} key={query.q ?? ""} placeholder="Action, entity id, actor…" />
        </div>
        {selects.map((filter) => (
          <div key={filter.id} className="w-52">
            <label htmlFor={`filter-${filter.id}`} className="mb-1 block text-xs font-medium text-slate-700">
              {filter.label}
            </label>
            <Select id={`filter-${filter.id}`} value={query[filter.id] ?? ""} onChange={(e) => update({ [filter.id]: e.target.value })}>
              <option value="">All</option>
              {filter.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </Select>
          </div>
        ))}
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {query.entityId && (
          <span className="self-center rounded bg-slate-100 px-2 py-1 text-xs text-slate-700">
            id = {query.entityId}
          </span>
        )}
        {filtered && (
          <Button type="button" variant="ghost" onClick={() => update({ entity: null, entityId: null, actor: null, action: null, q: null })}>
            Clear filters
          </Button>
        )}
        <TableActions table={table} exportHref="/api/v1/export/audit.csv" exportQuery={query} />
      </form>
      <DataTable
        table={table}
        caption="Audit events, newest first"
        empty={<EmptyState title={filtered ? "No event matches these filters" : "No events yet"}>{filtered ? "Clear a filter to see more." : "Every change to the register is recorded here."}</EmptyState>}
      />
      <Pagination data={data} />
    </div>
  );
}
