import Link from "next/link";
import { cn } from "@/lib/cn";
import { SEVERITIES, type Severity } from "@/lib/policy/types";

const STYLE: Record<Severity, string> = {
  CRITICAL: "border-red-300 bg-red-50 text-red-900",
  HIGH: "border-orange-300 bg-orange-50 text-orange-900",
  MEDIUM: "border-amber-300 bg-amber-50 text-amber-900",
  LOW: "border-slate-200 bg-white text-slate-800",
};

export function SeverityCounts({ counts }: { counts: Record<Severity, number> }) {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {[...SEVERITIES].reverse().map((severity) => (
        <Link
          key={severity}
          href={`/findings?severity=${severity}`}
          className={cn("rounded-lg border px-4 py-3 shadow-sm hover:shadow", STYLE[severity])}
          data-testid={`count-${severity}`}
        >
          <p className="text-xs font-semibold uppercase tracking-wide">{severity.toLowerCase()}</p>
          <p className="mt-1 text-3xl font-semibold tabular-nums">{counts[severity]}</p>
        </Link>
      ))}
    </div>
  );
}
