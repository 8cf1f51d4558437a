import { Badge } from "@/components/ui/badge";
import type { ApprovalProgress, RequiredApprovals } from "@/lib/policy/approvals";

export function describeRequirement(required: Pick<RequiredApprovals, "count" | "seniorRequired">, short = false): string {
  if (required.count === 2 && short) return required.seniorRequired ? "2 distinct reviewers, one senior" : "2 distinct reviewers";
  if (required.count === 2) return required.seniorRequired ? "2 distinct reviewers, at least one senior (two-person rule)" : "2 distinct reviewers";
  return required.seniorRequired ? "1 senior reviewer" : "1 reviewer";
}

// What the approval matrix asks of a grant, and why; shown before a request is sent and in the queue.
export function RequiredApprovalsSummary({ required, compact = false }: { required: RequiredApprovals; compact?: boolean }) {
  const tone = required.count === 2 ? "red" : required.seniorRequired ? "orange" : "neutral";
  return (
    <div data-testid="required-approvals" data-count={required.count} data-senior={required.seniorRequired}>
      <Badge tone={tone}>{describeRequirement(required, compact)}</Badge>
      {compact ? (
        <p className="mt-1 text-xs text-slate-500">{required.reasons.join("; ")}</p>
      ) : (
        <ul className="mt-1.5 list-disc space-y-0.5 pl-5 text-xs text-slate-600" aria-label="Why">
          {required.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ApprovalProgressSummary({ required, progress }: { required: RequiredApprovals; progress: ApprovalProgress }) {
  return (
    <div className="text-xs" data-testid="approval-progress">
      <p className="font-medium text-slate-800">
        {progress.approvals} of {required.count} approval{required.count === 1 ? "" : "s"}
        {required.seniorRequired && <span className="font-normal text-slate-500"> · {progress.seniorApprovals > 0 ? "senior ✓" : "no senior yet"}</span>}
      </p>
      {!progress.satisfied && <p className="text-slate-500">needs {progress.missing.join(" and ")}</p>}
    </div>
  );
}
