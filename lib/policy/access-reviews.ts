// Access reviews: an approved grant is looked at again on a schedule. It is due once its period (per
// environment tier, from the policy) has passed since it was approved or last certified; a due grant
// not certified within the policy's grace is the GRANT_NOT_RECERTIFIED finding (./findings.ts).
import type { Policy } from "./policy";
import { addDays } from "./time";
import type { PolicyGrant, Tier } from "./types";

type ReviewedGrant = Pick<PolicyGrant, "decidedAt" | "createdAt" | "lastCertifiedAt">;

/** When the grant was last looked at: certified, else approved. */
export const reviewedAt = (grant: ReviewedGrant): Date => grant.lastCertifiedAt ?? grant.decidedAt ?? grant.createdAt;

/** When the grant is due for recertification. */
export const reviewDueAt = (grant: ReviewedGrant, tier: Tier, policy: Pick<Policy, "reviews">): Date => addDays(reviewedAt(grant), policy.reviews.periodDays[tier]);

/** When a due grant left unreviewed becomes a finding: its due date plus the grace. */
export const reviewOverdueAt = (grant: ReviewedGrant, tier: Tier, policy: Pick<Policy, "reviews">): Date => addDays(reviewDueAt(grant, tier, policy), policy.reviews.graceDays);

/** Due at `now` (inclusive: on the due instant it is due). */
export const isReviewDue = (grant: ReviewedGrant, tier: Tier, policy: Pick<Policy, "reviews">, now: Date): boolean => now.getTime() >= reviewDueAt(grant, tier, policy).getTime();

export interface CertificationRefusal {
  code: "GRANT_NOT_APPROVED" | "SELF_APPROVAL";
  message: string;
}

/** Why this reviewer cannot certify the grant, or null: a grant of trust is never certified by its requester. */
export function certificationProblem(grant: Pick<PolicyGrant, "status"> & { requesterId: string; expiresAt: Date | null }, reviewer: { id: string }, now: Date): CertificationRefusal | null {
  if (grant.status !== "APPROVED") return { code: "GRANT_NOT_APPROVED", message: `only an approved grant is recertified; this one is ${grant.status}` };
  if (grant.expiresAt && grant.expiresAt.getTime() <= now.getTime()) return { code: "GRANT_NOT_APPROVED", message: "this grant has expired: request a new one instead" };
  if (grant.requesterId === reviewer.id) return { code: "SELF_APPROVAL", message: "the requester of a grant may not certify it; another reviewer must" };
  return null;
}
