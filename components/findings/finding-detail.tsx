import Link from "next/link";
import { humanize, SeverityBadge } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Fact, Facts } from "@/components/ui/facts";
import { Time } from "@/components/ui/time";
import type { FindingDetailDto, FindingTransitionDto } from "@/lib/dto/findings";

const TRANSITION_WORDS: Record<FindingTransitionDto["kind"], string> = {
  OPENED: "Opened",
  SEVERITY_CHANGED: "Severity changed",
  RESOLVED: "Resolved",
  REOPENED: "Reopened",
};

/** A duration in the largest unit that reads well: "3 days 4 h", "5 h 12 min", "40 min". */
function duration(fromMs: number, toMs: number): string {
  const minutes = Math.max(0, Math.round((toMs - fromMs) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} day${days === 1 ? "" : "s"}${hours ? ` ${hours} h` : ""}`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}

export function FindingDetail({ finding, now }: { finding: FindingDetailDto; now: Date }) {
  const open = finding.state === "OPEN";
  const openFor = duration(finding.firstSeenAt.getTime(), (finding.resolvedAt ?? now).getTime());
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/findings", "Findings"], [`/tools/${finding.tool}`, finding.tool]], here: finding.environment }}
        title={humanize(finding.rule)}
        badges={
          <>
            <SeverityBadge value={finding.severity} />
            <Badge tone={open ? "red" : "green"}>{open ? "Open" : "Resolved"}</Badge>
          </>
        }
        description={finding.explanation}
      />
      <Facts columns="sm:grid-cols-4">
        <Fact label="Tool">
          <Link href={`/tools/${finding.tool}`} className="text-brand-700 underline underline-offset-2">
            {finding.tool}
          </Link>
        </Fact>
        <Fact label="Environment">{finding.environment}</Fact>
        <Fact label="First seen">
          <Time value={finding.firstSeenAt} />
        </Fact>
        <Fact label={open ? "Open for" : "Resolved"} testId="finding-age">
          {open ? openFor : <Time value={finding.resolvedAt!} />}
        </Fact>
      </Facts>
      <Card title="Timeline" description="Every change of this finding, oldest first: when it opened, changed severity, was resolved or came back.">
        <ol className="relative ml-2 border-l border-slate-200" data-testid="finding-timeline">
          {finding.transitions.map((transition, index) => (
            <li key={index} className="mb-5 ml-5 last:mb-0" data-testid="finding-transition" data-kind={transition.kind}>
              <span aria-hidden className={`absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border-2 border-white ${transition.kind === "RESOLVED" ? "bg-emerald-600" : "bg-red-600"}`} />
              <p className="text-sm font-medium text-slate-900">
                {TRANSITION_WORDS[transition.kind]}
                {transition.kind === "SEVERITY_CHANGED" && transition.previousSeverity ? ` from ${humanize(transition.previousSeverity)} to ${humanize(transition.severity)}` : ""}
                {transition.kind !== "SEVERITY_CHANGED" && transition.kind !== "RESOLVED" ? ` at ${humanize(transition.severity)}` : ""}
              </p>
              <p className="text-xs text-slate-600">
                <Time value={transition.at} />
              </p>
              <p className="mt-1 text-sm text-slate-700">{transition.explanation}</p>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
