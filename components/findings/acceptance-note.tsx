import { formatTime } from "@/components/ui/time";
import type { AcceptanceDto } from "@/lib/dto/exceptions";

/** "Accepted until 2027-03-01 by Priya Raman": an accepted finding, out of the headline counts. */
export function acceptanceText(acceptance: AcceptanceDto): string {
  return `Accepted until ${formatTime(acceptance.until)} by ${acceptance.by}`;
}

export function AcceptanceNote({ acceptance }: { acceptance: AcceptanceDto | null }) {
  if (!acceptance) return null;
  return (
    <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-inset ring-slate-300" data-testid="acceptance">
      {acceptanceText(acceptance)}
    </span>
  );
}
