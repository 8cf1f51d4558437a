// Which rows one page of a list holds, the same for every list page and endpoint: a page past the
// last is the last page; `all` puts every row on one page (a table's CSV export).
import type { Page } from "@/lib/dto/page";

export interface PageWindow {
  page: number;
  pageSize: number;
  pageCount: number;
  /** Rows before this page; the page holds the next pageSize. */
  skip: number;
}

export function pageWindow(total: number, query: { page: number; pageSize: number }, all = false): PageWindow {
  const pageSize = all ? Math.max(1, total) : query.pageSize;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = all ? 1 : Math.min(query.page, pageCount);
  return { page, pageSize, pageCount, skip: (page - 1) * pageSize };
}

/** One page of a list read with a count and a query of the page's rows. */
export async function paged<Row>(
  query: { page: number; pageSize: number },
  count: () => Promise<number>,
  rows: (skip: number, take: number) => Promise<Row[]>,
  { all = false }: { all?: boolean } = {},
): Promise<Page<Row>> {
  const total = await count();
  const { skip, ...paging } = pageWindow(total, query, all);
  return { rows: await rows(skip, paging.pageSize), total, ...paging };
}
