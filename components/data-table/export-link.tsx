"use client";

import { Download } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { cn } from "@/lib/cn";

// Downloads the table's current view (filters, sort, hidden columns from the URL; every page) from
// an export route such as /api/v1/export/tools.csv.
export function ExportLink({ href, label = "Export CSV", className }: { href: string; label?: string; className?: string }) {
  // Null only under the Pages Router, which serves no pages here (it exists for /api/v1/changes).
  const query = new URLSearchParams(useSearchParams()?.toString());
  query.delete("page");
  query.delete("pageSize");
  const search = query.toString();
  return (
    <a
      href={search ? `${href}?${search}` : href}
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
