import Link from "next/link";
import { cn } from "@/lib/cn";

export const CATALOG_KINDS = [
  { kind: "environments", label: "Environments" },
  { kind: "capabilities", label: "Capabilities" },
  { kind: "teams", label: "Teams" },
] as const;

export type CatalogKind = (typeof CATALOG_KINDS)[number]["kind"];

// The three lists of the catalog, one tab each; the current one is marked for screen readers too.
export function CatalogTabs({ current }: { current: CatalogKind }) {
  return (
    <nav aria-label="Catalog" className="mb-4 border-b border-slate-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {CATALOG_KINDS.map(({ kind, label }) => (
          <li key={kind}>
            <Link
              href={`/catalog/${kind}`}
              aria-current={kind === current ? "page" : undefined}
              className={cn(
                "inline-block whitespace-nowrap border-b-2 px-3 py-2 text-sm",
                kind === current ? "border-brand-600 font-medium text-brand-900" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
