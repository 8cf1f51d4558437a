"use client";

import type { ComponentProps, ReactNode } from "react";
import type { ColumnDef, RowData } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Input } from "@/components/ui/form";
import { DataTable, TableActions, useServerTable, type ServerTableFeatures } from "./data-table";
import { Pagination, type PageInfo } from "./pagination";
import type { UrlState } from "./use-url-state";

interface EmptyText {
  title: string;
  text: ReactNode;
}

// A register table as every list page shows it: the toolbar (search, filters, "Clear filters", export
// and columns), the table, and pagination; all of it reads and writes the URL.
export function TableView<Row extends RowData>({
  columns,
  data,
  query,
  caption,
  exportHref,
  search,
  filters,
  chips,
  empty,
  noMatch,
  notice,
  children,
}: {
  columns: ColumnDef<ServerTableFeatures, Row, any>[];
  data: PageInfo & { rows: Row[] };
  /** The page's parsed query: the sort the server applied, and the view the export asks for. */
  query: ComponentProps<typeof TableActions>["exportQuery"] & { sort: string; dir: "asc" | "desc" };
  caption: string;
  /** The export route of the table's view, if it has one. */
  exportHref?: string;
  /** A free-text search box (the `q` parameter); the toolbar is then a search form. */
  search?: { id: string; value?: string; placeholder: string; className: string };
  /** The filter parameters and whether each is in force: "Clear filters" removes them all. */
  filters: Record<string, unknown>;
  /** Filters in force that have no control of their own, shown after the controls. */
  chips?: ReactNode;
  /** What the table says with no rows: with no filter, and when filters leave none. */
  empty: EmptyText;
  noMatch: EmptyText;
  /** A message above the toolbar. */
  notice?: ReactNode;
  /** The filter controls, given the function that writes a filter to the URL. */
  children?: (update: UrlState["update"]) => ReactNode;
}) {
  const { table, update, pending } = useServerTable({ columns, rows: data.rows, order: query });
  const filtered = Object.values(filters).some(Boolean);
  const toolbar = (
    <>
      {search && (
        <div className={search.className}>
          <label htmlFor={search.id} className="mb-1 block text-xs font-medium text-slate-700">
            Search
          </label>
          <Input id={search.id} name="q" type="search" defaultValue={search.value} placeholder={search.placeholder} key={search.value ?? ""} />
        </div>
      )}
      {children?.(update)}
      {search && (
        <Button type="submit" variant="secondary">
          Search
        </Button>
      )}
      {chips}
      {filtered && (
        <Button type="button" variant="ghost" onClick={() => update(Object.fromEntries(Object.keys(filters).map((key) => [key, null])))}>
          Clear filters
        </Button>
      )}
      <TableActions table={table} exportHref={exportHref} exportQuery={query} />
    </>
  );
  const shown = filtered ? noMatch : empty;
  return (
    <div aria-busy={pending}>
      {notice}
      {search ? (
        <form
          role="search"
          className="mb-3 flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            update({ q: String(new FormData(event.currentTarget).get("q") ?? "") });
          }}
        >
          {toolbar}
        </form>
      ) : (
        <div className="mb-3 flex flex-wrap items-end gap-2">{toolbar}</div>
      )}
      <DataTable table={table} caption={caption} empty={<EmptyState title={shown.title}>{shown.text}</EmptyState>} />
      <Pagination data={data} />
    </div>
  );
}
