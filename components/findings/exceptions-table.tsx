import Link from "next/link";
import { humanize, SeverityBadge } from "@/components/domain-badges";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { TableHeader } from "@/components/ui/table-header";
import { Time } from "@/components/ui/time";
import type { ExceptionDto } from "@/lib/dto/exceptions";
import type { ExceptionState } from "@/lib/policy/exceptions";

const STATE_WORDS: Record<ExceptionState, [label: string, tone: Tone]> = {
  IN_FORCE: ["In force", "neutral"],
  AWAITING_CONFIRMATION: ["Awaiting a senior reviewer", "yellow"],
  EXPIRED: ["Expired: finding back", "red"],
  WORSENED: ["Finding got worse: back", "red"],
  FINDING_RESOLVED: ["Finding resolved", "green"],
};

export function ExceptionStateBadge({ state }: { state: ExceptionState }) {
  const [label, tone] = STATE_WORDS[state];
  return <Badge tone={tone}>{label}</Badge>;
}

/** Risk acceptances with where each stands; with the finding's columns unless they are one finding's. */
export function ExceptionsTable({ exceptions, showFinding = true, emptyText }: { exceptions: ExceptionDto[]; showFinding?: boolean; emptyText: string }) {
  if (exceptions.length === 0) return <EmptyState title="No exceptions">{emptyText}</EmptyState>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Exceptions">
      <table className="w-full text-sm" data-testid="exceptions">
        <caption className="sr-only">Risk acceptances, newest first</caption>
        <TableHeader columns={[...(showFinding ? ["Finding"] : []), "State", "Until", "Reason", "Owner", "Accepted by"]} />
        <tbody className="divide-y divide-slate-100">
          {exceptions.map((exception) => (
            <tr key={exception.id} className="align-top" data-testid="exception" data-state={exception.state}>
              {showFinding && (
                <td className="py-2 pr-3">
                  <Link href={`/findings/${exception.finding.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {humanize(exception.finding.rule)}
                  </Link>
                  <div className="mt-0.5 flex items-center gap-2 text-xs text-slate-600">
                    <SeverityBadge value={exception.finding.severity} />
                    {exception.finding.tool} · {exception.finding.environment}
                  </div>
                </td>
              )}
              <td className="py-2 pr-3">
                <ExceptionStateBadge state={exception.state} />
              </td>
              <td className="whitespace-nowrap py-2 pr-3">
                <Time value={exception.expiresAt} />
              </td>
              <td className="max-w-md py-2 pr-3 text-slate-800">{exception.reason}</td>
              <td className="py-2 pr-3">{exception.owner.name}</td>
              <td className="py-2 text-xs text-slate-700">
                <div>
                  {exception.proposedBy.name}, <Time value={exception.proposedAt} />
                </div>
                {exception.confirmedBy && exception.confirmedAt && (
                  <div>
                    confirmed by {exception.confirmedBy.name}, <Time value={exception.confirmedAt} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
