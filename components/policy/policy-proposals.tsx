import { Badge } from "@/components/ui/badge";
import type { PolicyProposalView } from "@/lib/dto/policy";
import { PolicyDiff } from "./policy-diff";
import { ProposalDecisionForm } from "./proposal-decision-form";

const when = (at: Date) => at.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

// Why the person looking sees no buttons, from the same rule the server applies.
const WHY_NOT: Record<string, string> = {
  SELF_APPROVAL: "You proposed this change: a second, senior reviewer must approve or reject it.",
  SENIOR_REQUIRED: "Only a senior reviewer decides on a change that loosens the policy.",
  NOT_REVIEWER: "Only active security reviewers and admins decide on policy changes.",
  FORBIDDEN: "Senior security reviewers and admins decide on policy changes.",
};

// Policy changes that loosen a rule, waiting for a second, senior reviewer; none of them governs yet.
export function PolicyProposals({ proposals }: { proposals: PolicyProposalView[] }) {
  if (proposals.length === 0) return <p className="text-sm text-slate-500">None. A change that loosens a rule waits here for a second, senior reviewer.</p>;
  return (
    <ul className="space-y-6">
      {proposals.map((proposal) => (
        <li key={proposal.id} className="space-y-3 border-t border-slate-100 pt-4 first:border-t-0 first:pt-0" aria-label={`Proposal #${proposal.id}`}>
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-sm font-semibold text-slate-900">Proposal #{proposal.id}</h3>
            <Badge tone="yellow">Awaiting a senior reviewer</Badge>
            <span className="text-xs text-slate-500">
              by {proposal.proposedByName} ({proposal.proposedBy}) · {when(proposal.proposedAt)} · against {proposal.basedOnVersion === 0 ? "the defaults" : `version ${proposal.basedOnVersion}`}
            </span>
          </div>
          <p className="text-sm text-slate-700">{proposal.note}</p>
          <PolicyDiff differences={proposal.differences} caption={`What proposal #${proposal.id} changes`} />
          {proposal.viewer.canDecide ? (
            <ProposalDecisionForm proposalId={proposal.id} />
          ) : (
            <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">{WHY_NOT[proposal.viewer.code ?? ""] ?? proposal.viewer.reason}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
