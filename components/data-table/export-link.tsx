"use client";

import { Download } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { cn } from "@/lib/cn";

type ViewQuery = Record<string, string | number | boolean | readonly string[] | null | undefined>;

// The export's query from the page's parsed one: a value the page fell back from is not in it, so the
// export (whose query is strict) gets only values it accepts. Every page is exported, so no paging.
function viewSearch(query: ViewQuery): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === "page" || key === "pageSize" || value === undefined || value === null || value === false) continue;
    const text = value === true ? "1" : Array.isArray(value) ? value.join(",") : String(value);
    if (text) search.set(key, text);
  }
  return search;
}

// Downloads the table's current view (filters, sort, hidden columns; every page) from an export
// route such as /api/v1/export/tools.csv; `query` is the page's parsed query.
export function ExportLink({ href, query, label = "Export CSV", className }: { href: string; query: ViewQuery; label?: string; className?: string }) {
  // Null only under the Pages Router, which serves no pages here (it exists for /api/v1/changes).
  const hidden = useSearchParams()?.get("hide");
  const search = viewSearch(query);
  if (hidden) search.set("hide", hidden);
  const searchText = search.toString();
  return (
    <a
      href={searchText ? `${href}?${searchText}` : href}
      download
      className={cn(
        "inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50",
        className,
      )}
    >
      <Download aria-hidden className="size-4" />
      {label}
    </a>
  );
}
