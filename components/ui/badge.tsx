import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export const TONES = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  yellow: "bg-amber-50 text-amber-800 ring-amber-200",
  orange: "bg-orange-50 text-orange-800 ring-orange-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  purple: "bg-violet-50 text-violet-800 ring-violet-200",
} as const;

export type Tone = keyof typeof TONES;

// `wrap` lets a long label break over lines (in a narrow table column) instead of widening it.
export function Badge({ tone = "neutral", wrap = false, children, className }: { tone?: Tone; wrap?: boolean; children: ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex items-center px-2 py-0.5 text-xs font-medium ring-1 ring-inset", wrap ? "rounded-lg" : "whitespace-nowrap rounded-full", TONES[tone], className)}>
      {children}
    </span>
  );
}
