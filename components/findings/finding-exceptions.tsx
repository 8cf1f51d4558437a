import { Card } from "@/components/ui/card";
import type { ExceptionDto } from "@/lib/dto/exceptions";
import type { FindingDetailDto } from "@/lib/dto/findings";
import { addDays } from "@/lib/policy/time";
import { AcceptanceNote } from "./acceptance-note";
import { AcceptFindingForm, ConfirmExceptionForm } from "./exception-forms";
import { ExceptionsTable } from "./exceptions-table";

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const DEFAULT_DAYS = 30;

/** A finding's risk acceptances, and for reviewers the form to accept it or to confirm a proposal. */
export function FindingExceptions({
  finding,
  exceptions,
  reviewer,
  options,
}: {
  finding: FindingDetailDto;
  exceptions: ExceptionDto[];
  reviewer: { email: string; canAccept: boolean };
  options: { people: { email: string; name: string }[]; maxDays: number; now: Date };
}) {
  const awaiting = exceptions.find((exception) => exception.state === "AWAITING_CONFIRMATION");
  const live = finding.acceptance !== null || awaiting !== undefined;
  const canPropose = reviewer.canAccept && finding.state === "OPEN" && !live;
  const latest = addDays(options.now, options.maxDays);
  return (
    <Card
      title="Risk acceptance"
      description={`A reviewer may accept an open finding for at most ${options.maxDays} days, with a reason and an owner; a CRITICAL one needs a second, senior reviewer. It is back when the acceptance expires or the finding gets worse.`}
    >
      <div className="space-y-4">
        {finding.acceptance && (
          <p>
            <AcceptanceNote acceptance={finding.acceptance} /> <span className="text-sm text-slate-700">· owner {finding.acceptance.owner}</span>
          </p>
        )}
        {awaiting && reviewer.canAccept && awaiting.proposedBy.email !== reviewer.email && <ConfirmExceptionForm findingId={finding.id} exceptionId={awaiting.id} />}
        {awaiting && awaiting.proposedBy.email === reviewer.email && <p className="text-sm text-slate-700">You proposed this acceptance; a second, senior reviewer confirms it.</p>}
        {canPropose && (
          <AcceptFindingForm
            findingId={finding.id}
            critical={finding.severity === "CRITICAL"}
            people={options.people}
            defaultOwner={options.people.some((person) => person.email === reviewer.email) ? reviewer.email : (options.people[0]?.email ?? "")}
            defaultExpiry={dayOf(addDays(options.now, Math.min(DEFAULT_DAYS, options.maxDays)))}
            minExpiry={dayOf(addDays(options.now, 1))}
            maxExpiry={dayOf(latest)}
          />
        )}
        <ExceptionsTable exceptions={exceptions} showFinding={false} emptyText="This finding has never been accepted." />
      </div>
    </Card>
  );
}
