"use client";

import { Button } from "@/components/ui/button";
import { PAGE_SIZES } from "@/lib/validation/paging";
import { useUrlState } from "./use-url-state";

export interface PageInfo {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
}

// Page and page size live in the URL like the rest of a table's state.
export function Pagination({ data }: { data: PageInfo }) {
  const { update } = useUrlState();
  const { page, pageCount, pageSize, total } = data;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="pagination-summary">
        {first}–{last} of {total}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor="page-size" className="text-xs">
          Rows per page
        </label>
        <select
          id="page-size"
          value={pageSize}
          onChange={(e) => update({ pageSize: e.target.value })}
          className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300"
        >
          {PAGE_SIZES.map((size) => (
            <option key={size}>{size}</option>
          ))}
        </select>
        <Button variant="secondary" disabled={page <= 1} onClick={() => update({ page: String(page - 1) }, { resetPage: false })}>
          Previous
        </Button>
        <span className="text-xs">
          Page {page} of {pageCount}
        </span>
        <Button variant="secondary" disabled={page >= pageCount} onClick={() => update({ page: String(page + 1) }, { resetPage: false })}>
          Next
        </Button>
      </div>
    </nav>
  );
}
