// Grant approvals: the risk-based approval matrix, the decision rules, and when a grant is in force.

import { can, ROLES } from "@/lib/auth/permissions";
import { DEFAULT_POLICY, type ApprovalRequirement, type ApprovalTrigger, type Policy } from "./policy";
import {
  compareAutonomy,
  isTierAtLeast,
  type Autonomy,
  type CapabilityClass,
  type DecisionValue,
  type GrantStatus,
  type PolicyEnvironment,
  type PolicyGrant,
} from "./types";

export interface ApprovalInput {
  environment: PolicyEnvironment;
  maxAutonomy: Autonomy;
  capabilityClasses: CapabilityClass[];
}

export interface RequiredApprovals extends ApprovalRequirement {
  reasons: string[];
}

/** Why a matrix trigger matches, in plain words; null when it does not match. */
function triggerReason(trigger: ApprovalTrigger, input: ApprovalInput): string | null {
  const { environment: env, maxAutonomy } = input;
  const classes = [...new Set(input.capabilityClasses)].filter((c) => trigger.capabilityClassIn?.includes(c));
  const matches =
    (!trigger.tierAtLeast || isTierAtLeast(env.tier, trigger.tierAtLeast)) &&
    (!trigger.dataSensitivityIn || trigger.dataSensitivityIn.includes(env.dataSensitivity)) &&
    (!trigger.criticalPath || env.criticalPath) &&
    (!trigger.autonomyAtLeast || compareAutonomy(maxAutonomy, trigger.autonomyAtLeast) >= 0) &&
    (!trigger.capabilityClassIn || classes.length > 0);
  if (!matches) return null;

  const what = [
    trigger.dataSensitivityIn && `data ${env.dataSensitivity}`,
    trigger.criticalPath && "critical business path",
    trigger.autonomyAtLeast && maxAutonomy,
    trigger.capabilityClassIn && `capability class ${classes.join(", ")}`,
  ].filter((part) => typeof part === "string");
  if (!trigger.tierAtLeast) return what.join(" and ");
  // A tier on its own reads as the environment's tier; combined, as the threshold it sets.
  return what.length === 0 ? `tier ${env.tier}` : `${what.join(" and ")} at tier ≥ ${trigger.tierAtLeast}`;
}

/** A matrix trigger in plain words, for reading the policy itself (triggerReason says why one matched). */
export function describeTrigger(trigger: ApprovalTrigger, highImpactClasses: readonly CapabilityClass[]): string {
  const classes = trigger.capabilityClassIn;
  const highImpact = classes && classes.length === highImpactClasses.length && classes.every((c) => highImpactClasses.includes(c));
  const what = [
    trigger.autonomyAtLeast && `autonomy ${trigger.autonomyAtLeast} or above`,
    classes && (highImpact ? "a high-impact capability" : `a capability of class ${classes.join(", ")}`),
    trigger.dataSensitivityIn && `data ${trigger.dataSensitivityIn.join(" or ")}`,
    trigger.criticalPath && "a critical business path",
  ].filter((part) => typeof part === "string");
  if (!trigger.tierAtLeast) return what.join(" and ");
  return what.length === 0 ? `tier ≥ ${trigger.tierAtLeast}` : `${what.join(" and ")} at tier ≥ ${trigger.tierAtLeast}`;
}

/**
 * Approvals a grant needs. Every matching row must be satisfied, which for the default matrix is
 * exactly "the strictest row applies". Reasons list every matching trigger, strictest row first.
 */
export function requiredApprovals(input: ApprovalInput, policy: Policy = DEFAULT_POLICY): RequiredApprovals {
  const { base, rows } = policy.approvals;
  const matched = rows
    .map((row) => ({ row, reasons: row.when.map((t) => triggerReason(t, input)).filter((r) => r !== null) }))
    .filter((m) => m.reasons.length > 0)
    .sort((a, b) => b.row.count - a.row.count || Number(b.row.seniorRequired) - Number(a.row.seniorRequired));
  if (matched.length === 0) return { ...base, reasons: ["any grant"] };

  const applying = [base, ...matched.map((m) => m.row)];
  return {
    count: applying.some((r) => r.count === 2) ? 2 : 1,
    seniorRequired: applying.some((r) => r.seniorRequired),
    reasons: [...new Set(matched.flatMap((m) => m.reasons))],
  };
}

/** Who decides on grants: the roles the permission table lets decide (DESIGN: security reviewers and admins). */
export const REVIEWER_ROLES: readonly string[] = ROLES.filter((role) => can(role, "grant:decide"));

export type PolicyErrorCode =
  | "NOT_REVIEWER"
  | "SELF_APPROVAL"
  | "DUPLICATE_DECISION"
  | "GRANT_NOT_PENDING"
  | "GRANT_EXPIRED";

export interface PolicyError {
  code: PolicyErrorCode;
  message: string;
}

export interface RecordedDecision {
  reviewerId: string;
  senior: boolean;
  decision: DecisionValue;
}

export interface ApprovalProgress {
  approvals: number;
  seniorApprovals: number;
  satisfied: boolean;
  /** What is still needed, in plain words; empty when satisfied. */
  missing: string[];
}

/** Approvals given versus needed. Each person counts once, however many decisions they have on record. */
export function approvalProgress(required: ApprovalRequirement, decisions: RecordedDecision[]): ApprovalProgress {
  const approverIsSenior = new Map<string, boolean>();
  for (const d of decisions) {
    if (d.decision === "APPROVE") approverIsSenior.set(d.reviewerId, d.senior || (approverIsSenior.get(d.reviewerId) ?? false));
  }
  const approvals = approverIsSenior.size;
  const seniorApprovals = [...approverIsSenior.values()].filter(Boolean).length;
  const missing: string[] = [];
  const more = required.count - approvals;
  if (more > 0) missing.push(`${more} more approval${more === 1 ? "" : "s"}`);
  if (required.seniorRequired && seniorApprovals === 0) missing.push("a senior approval");
  return { approvals, seniorApprovals, satisfied: missing.length === 0, missing };
}

/** What the decision rules read of a grant. */
export interface DecidedGrant {
  status: GrantStatus;
  requesterId: string;
  expiresAt: Date | null;
  required: ApprovalRequirement;
}

/**
 * A grant's approvals given versus needed: the approvals that count, each person once and never the
 * requester, even if older data recorded a decision of theirs.
 */
export function grantApprovalProgress(grant: Pick<DecidedGrant, "requesterId" | "required">, decisions: RecordedDecision[]): ApprovalProgress {
  return approvalProgress(
    grant.required,
    decisions.filter((d) => d.reviewerId !== grant.requesterId),
  );
}

export interface DecisionInput {
  grant: DecidedGrant;
  /** Decisions already recorded on the grant. */
  decisions: RecordedDecision[];
  reviewer: { id: string; role: string; senior: boolean; active: boolean };
  decision: DecisionValue;
  now: Date;
}

export type DecisionOutcome =
  | { ok: true; nextStatus: GrantStatus; approvals: number; seniorApprovals: number }
  | { ok: false; error: PolicyError };

const refuse = (code: PolicyErrorCode, message: string): DecisionOutcome => ({ ok: false, error: { code, message } });

/**
 * Judges one reviewer's decision against the decisions already recorded. Pure: to keep two
 * simultaneous approvals from approving with fewer people than required, the caller must read
 * `decisions` and write the outcome in one transaction that locks the grant.
 */
export function evaluateDecision(input: DecisionInput): DecisionOutcome {
  const { grant, reviewer, decision, now } = input;
  if (!reviewer.active || !REVIEWER_ROLES.includes(reviewer.role)) {
    return refuse("NOT_REVIEWER", `only active ${REVIEWER_ROLES.join(" or ")} users decide on grants`);
  }
  if (grant.status === "EXPIRED") return refuse("GRANT_EXPIRED", "the grant has expired");
  if (grant.status !== "REQUESTED") return refuse("GRANT_NOT_PENDING", `the grant is ${grant.status}, not awaiting a decision`);
  if (grant.expiresAt !== null && grant.expiresAt.getTime() <= now.getTime()) {
    return refuse("GRANT_EXPIRED", "the grant's expiry date has passed; request it again");
  }
  if (reviewer.id === grant.requesterId) return refuse("SELF_APPROVAL", "the requester cannot review their own grant");
  if (input.decisions.some((d) => d.reviewerId === reviewer.id)) {
    return refuse("DUPLICATE_DECISION", "this reviewer has already decided on the grant");
  }

  const decisions = decision === "APPROVE" ? [...input.decisions, { reviewerId: reviewer.id, senior: reviewer.senior, decision }] : input.decisions;
  const progress = grantApprovalProgress(grant, decisions);
  const nextStatus: GrantStatus = decision === "DENY" ? "DENIED" : progress.satisfied ? "APPROVED" : "REQUESTED";
  return { ok: true, nextStatus, approvals: progress.approvals, seniorApprovals: progress.seniorApprovals };
}

/** What a grant's standing reads of it: its status and when it took effect. */
export type GrantTiming = Pick<PolicyGrant, "id" | "status" | "expiresAt" | "decidedAt" | "createdAt">;

/** A grant is valid when APPROVED and unexpired; expiry needs no job, it is read against `now`. */
export const isGrantValid = (grant: Pick<PolicyGrant, "status" | "expiresAt">, now: Date): boolean =>
  grant.status === "APPROVED" && (grant.expiresAt === null || grant.expiresAt.getTime() > now.getTime());

export const effectiveGrantStatus = (grant: Pick<PolicyGrant, "status" | "expiresAt">, now: Date): GrantStatus =>
  grant.status === "APPROVED" && !isGrantValid(grant, now) ? "EXPIRED" : grant.status;

export type GrantStanding<G extends GrantTiming = PolicyGrant> =
  | { state: "VALID" | "EXPIRED" | "REVOKED"; grant: G }
  | { state: "NONE"; grant: null };

/** When a grant's status took effect: its decision, or its request if never decided. */
const effectiveFrom = (g: GrantTiming): number => (g.decidedAt ?? g.createdAt).getTime();
const compareRecency = (a: GrantTiming, b: GrantTiming): number =>
  effectiveFrom(a) - effectiveFrom(b) || a.createdAt.getTime() - b.createdAt.getTime();

/**
 * Which grant governs a tool in an environment at a moment (by decidedAt, then createdAt):
 * - VALID / EXPIRED: the latest approved grant, valid or not at `at`. A stored EXPIRED status
 *   counts as approved-then-expired, so persisting the expiry never changes the outcome;
 * - REVOKED: a revoked grant at least as recent as that approval withdraws the reach;
 * - NONE: never approved (only requested or denied ones; a later denial withdraws nothing).
 * A revoked grant never counts as valid. Grants decided after `at` are ignored.
 */
export function grantStanding<G extends GrantTiming>(grants: readonly G[], at: Date): GrantStanding<G> {
  let approved: G | null = null;
  let revoked: G | null = null;
  for (const g of grants) {
    if (effectiveFrom(g) > at.getTime()) continue;
    if (g.status === "APPROVED" || g.status === "EXPIRED") {
      if (!approved || compareRecency(g, approved) > 0) approved = g;
    } else if (g.status === "REVOKED") {
      if (!revoked || compareRecency(g, revoked) > 0) revoked = g;
    }
  }
  if (revoked && (!approved || compareRecency(revoked, approved) >= 0)) return { state: "REVOKED", grant: revoked };
  if (!approved) return { state: "NONE", grant: null };
  return { state: isGrantValid(approved, at) ? "VALID" : "EXPIRED", grant: approved };
}

/** What a grant's status now reads of it and of the other grants for its tool and environment. */
export type PairGrant = GrantTiming & Pick<PolicyGrant, "toolSlug" | "environment">;

export interface GrantStatusNow {
  /** As it stands now: an APPROVED grant past its expiry is EXPIRED, with no job having run. */
  effectiveStatus: GrantStatus;
  /** The later grant for the same tool and environment that governs instead of this approved one. */
  supersededBy: string | null;
}

/**
 * A grant's status at `now`, given the grants for its tool (`grants`: any, those of other
 * environments are ignored). An approved grant in force is superseded when the latest-approved rule
 * makes another grant govern the pair: a later approval (in force or expired), or a later revocation.
 */
export function grantStatusNow(grant: PairGrant, grants: readonly PairGrant[], now: Date): GrantStatusNow {
  const effectiveStatus = effectiveGrantStatus(grant, now);
  if (effectiveStatus !== "APPROVED") return { effectiveStatus, supersededBy: null };
  const pair = grants.filter((g) => g.id !== grant.id && g.toolSlug === grant.toolSlug && g.environment === grant.environment);
  const governing = grantStanding([grant, ...pair], now).grant;
  return { effectiveStatus, supersededBy: governing && governing.id !== grant.id ? governing.id : null };
}

export type GrantDisplayStatus = GrantStatus | "SUPERSEDED";

/** What a grant's badge says: SUPERSEDED while another grant governs instead, else its effective status. */
export const displayedGrantStatus = ({ effectiveStatus, supersededBy }: GrantStatusNow): GrantDisplayStatus =>
  supersededBy ? "SUPERSEDED" : effectiveStatus;
