import { cn } from "@/lib/cn";

const CLAMPS = { 1: "truncate", 2: "line-clamp-2", 3: "line-clamp-3" } as const;

// A long value cut to a line or a few, so that its column stays narrow: the whole of it shows in a
// tooltip on hover, and a screen reader reads it whole. The width (e.g. "max-w-64") is the column's.
export function TruncatedCell({ text, lines = 1, className }: { text: string; lines?: keyof typeof CLAMPS; className?: string }) {
  return (
    <span title={text} className={cn("block wrap-anywhere", CLAMPS[lines], className)}>
      {text}
    </span>
  );
}
