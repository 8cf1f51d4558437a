import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

// The strip of key facts under a detail page's title, each a label above its value; the columns
// (e.g. "md:grid-cols-4") are the page's.
export function Facts({ columns, children }: { columns: string; children: ReactNode }) {
  return <dl className={cn("mb-6 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm", columns)}>{children}</dl>;
}

export function Fact({ label, className, testId, children }: { label: string; className?: string; testId?: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={cn("mt-0.5 font-medium", className)} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
