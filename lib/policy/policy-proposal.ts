// Who may decide on a proposed policy change. The policy is the most privileged grant of all: a
// change that loosens it needs a second person, who is senior, exactly like the two-person rule.

import { can, ROLES } from "@/lib/auth/permissions";

/** Who decides on a proposed change: the roles the permission table lets edit the policy. */
export const POLICY_REVIEWER_ROLES: readonly string[] = ROLES.filter((role) => can(role, "policy:edit"));

export const PROPOSAL_STATUSES = ["PENDING", "APPROVED", "REJECTED", "SUPERSEDED"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_DECISIONS = ["APPROVE", "REJECT"] as const;
export type ProposalDecision = (typeof PROPOSAL_DECISIONS)[number];

export type ProposalErrorCode = "NOT_REVIEWER" | "PROPOSAL_NOT_PENDING" | "SELF_APPROVAL" | "SENIOR_REQUIRED";

export interface ProposalDecisionInput {
  proposal: { status: ProposalStatus; proposedById: string };
  decider: { id: string; role: string; senior: boolean; active: boolean };
}

export type ProposalVerdict = { ok: true } | { ok: false; error: { code: ProposalErrorCode; message: string } };

const refuse = (code: ProposalErrorCode, message: string): ProposalVerdict => ({ ok: false, error: { code, message } });

/**
 * Whether this person may approve or reject the proposal now. Pure: the caller re-reads the decider
 * and the proposal inside the transaction that writes the outcome, under the policy lock.
 */
export function evaluateProposalDecision({ proposal, decider }: ProposalDecisionInput): ProposalVerdict {
  if (!decider.active || !POLICY_REVIEWER_ROLES.includes(decider.role)) {
    return refuse("NOT_REVIEWER", `only active ${POLICY_REVIEWER_ROLES.join(" or ")} users decide on policy changes`);
  }
  if (proposal.status !== "PENDING") return refuse("PROPOSAL_NOT_PENDING", `the proposal is ${proposal.status}, not awaiting a decision`);
  if (decider.id === proposal.proposedById) return refuse("SELF_APPROVAL", "you proposed this change: a second reviewer must decide on it");
  if (!decider.senior) return refuse("SENIOR_REQUIRED", "only a senior reviewer decides on a change that loosens the policy");
  return { ok: true };
}
