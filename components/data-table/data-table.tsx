"use client";

import {
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ReactTable,
  type RowData,
  type SortingState,
  type ColumnVisibilityState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, Columns3 } from "lucide-react";
import { useMemo, type ComponentProps, type ReactNode } from "react";
import { cn } from "@/lib/cn";
import { ExportLink } from "./export-link";
import { useUrlState } from "./use-url-state";

// Every register table is server-processed: the server sorts, filters and pages; TanStack Table
// holds the column model, the sort indicator and column visibility, all mirrored in the URL.
export const serverTableFeatures = tableFeatures({ rowSortingFeature, columnVisibilityFeature });
export type ServerTableFeatures = typeof serverTableFeatures;
export type ServerTable<Row extends RowData> = ReactTable<ServerTableFeatures, Row>;
export const columnHelper = <Row extends RowData>() => createColumnHelper<ServerTableFeatures, Row>();

// One URL state for the table: sorting and hiding columns go through it as filtering does, so the
// table is busy (aria-busy) whichever of them is loading.
export function useServerTable<Row extends RowData>({
  columns,
  rows,
  order,
}: {
  columns: ColumnDef<ServerTableFeatures, Row, any>[];
  rows: Row[];
  /** The sort the server applied. */
  order: { sort: string; dir: "asc" | "desc" };
}) {
  const { searchParams, update, pending } = useUrlState();
  const hiddenParam = searchParams.get("hide") ?? "";
  const sorting = useMemo<SortingState>(() => [{ id: order.sort, desc: order.dir === "desc" }], [order.sort, order.dir]);
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(hiddenParam.split(",").filter(Boolean).map((id) => [id, false])),
    [hiddenParam],
  );
  const table = useTable({
    features: serverTableFeatures,
    columns,
    data: rows,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      update(first ? { sort: first.id, dir: first.desc ? "desc" : "asc" } : { sort: null, dir: null });
    },
    onColumnVisibilityChange: (updater) => {
      const next = typeof updater === "function" ? updater(columnVisibility) : updater;
      const hidden = Object.entries(next).filter(([, visible]) => !visible).map(([id]) => id);
      update({ hide: hidden.join(",") || null }, { resetPage: false });
    },
  });
  return { table, update, pending };
}

export function DataTable<Row extends RowData>({ table, empty, caption }: { table: ServerTable<Row>; empty: ReactNode; caption: string }) {
  const rows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns().length;
  return (
    // A narrow screen scrolls the table sideways: focusable, so that a keyboard can scroll it too.
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label={caption}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600"
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                      >
                        <table.FlexRender header={header} />
                        {sorted === "asc" ? (
                          <ArrowUp aria-hidden className="size-3" />
                        ) : sorted === "desc" ? (
                          <ArrowDown aria-hidden className="size-3" />
                        ) : (
                          <ArrowUpDown aria-hidden className="size-3 opacity-40" />
                        )}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={visibleColumns} className="p-6">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-top text-slate-800">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export function ColumnToggle<Row extends RowData>({ table }: { table: ServerTable<Row> }) {
  return (
    <details className="relative">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
        <Columns3 aria-hidden className="size-4" /> Columns
      </summary>
      <fieldset className="absolute right-0 z-10 mt-1 w-48 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
        <legend className="sr-only">Visible columns</legend>
        {table
          .getAllLeafColumns()
          .filter((column) => column.getCanHide())
          .map((column) => (
            <label key={column.id} className={cn("flex items-center gap-2 text-sm text-slate-700")}>
              <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              {typeof column.columnDef.header === "string" ? column.columnDef.header : column.id}
            </label>
          ))}
      </fieldset>
    </details>
  );
}

// The right end of every table's toolbar: download the current view (of `exportQuery`, the page's
// parsed query) where the table has an export, choose the columns.
export function TableActions<Row extends RowData>({ table, exportHref, exportQuery }: { table: ServerTable<Row>; exportHref?: string; exportQuery: ComponentProps<typeof ExportLink>["query"] }) {
  return (
    <div className="ml-auto flex items-center gap-2">
      {exportHref && <ExportLink href={exportHref} query={exportQuery} />}
      <ColumnToggle table={table} />
    </div>
  );
}
