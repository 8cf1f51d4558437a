import Link from "next/link";
import { humanize, SeverityBadge } from "@/components/domain-badges";
import { EmptyState } from "@/components/ui/card";
import type { FindingDto } from "@/lib/dto/findings";
import { Time } from "@/components/ui/time";
import { AcceptanceNote } from "./acceptance-note";

export function FindingList({ findings, emptyTitle = "No findings", showTool = true }: { findings: FindingDto[]; emptyTitle?: string; showTool?: boolean }) {
  if (findings.length === 0) return <EmptyState title={emptyTitle}>Every observed tool stays within what it was allowed.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="finding-list">
      {findings.map((finding) => (
        <li key={finding.id} className="flex items-start gap-3 py-2.5" data-testid="finding" data-rule={finding.rule} data-severity={finding.severity} data-tool={finding.tool} data-accepted={finding.acceptance ? "true" : undefined}>
          <div className="w-20 shrink-0 pt-0.5">
            <SeverityBadge value={finding.severity} />
          </div>
          <div className="min-w-0 text-sm">
            <Link href={`/findings/${finding.id}`} className="text-slate-900 hover:underline">
              {finding.explanation}
            </Link>
            <p className="mt-0.5 text-xs text-slate-500">
              {humanize(finding.rule)} ·{" "}
              {showTool && (
                <>
                  <Link href={`/tools/${finding.tool}`} className="text-brand-700 underline underline-offset-2">
                    {finding.tool}
                  </Link>{" "}
                  ·{" "}
                </>
              )}
              {finding.environment} · since <Time value={finding.firstSeenAt} />
            </p>
            {finding.acceptance && (
              <p className="mt-1">
                <AcceptanceNote acceptance={finding.acceptance} />
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
