// Violations on an ingested AI-origin ledger change. Grant validity and the incident ceiling are
// judged at the change's deployedAt, not now: a change is measured against the rules of its time.

import { grantStanding, type GrantStanding } from "./approvals";
import { autonomyCeiling, effectiveAllowedAutonomy } from "./ceiling";
import { DEFAULT_POLICY, type Policy } from "./policy";
import {
  compareAutonomy,
  isTierAtLeast,
  type AiOrigin,
  type Autonomy,
  type ChangeType,
  type PolicyEnvironment,
  type PolicyGrant,
  type PolicyIncidentLink,
} from "./types";

export const CHANGE_VIOLATION_CODES = [
  "AI_CHANGE_WITHOUT_SENIOR_APPROVER",
  "HIGH_IMPACT_CHANGE_WITHOUT_TWO_APPROVERS",
  "NO_ROLLBACK_PLAN",
  "MODE_EXCEEDS_ALLOWED_AUTONOMY",
  "NO_APPROVED_GRANT",
] as const;
export type ChangeViolationCode = (typeof CHANGE_VIOLATION_CODES)[number];

export interface ChangeViolation {
  code: ChangeViolationCode;
  message: string;
}

export interface ChangeInput {
  environment: PolicyEnvironment;
  changeType: ChangeType;
  aiOrigin: AiOrigin;
  toolSlug: string | null;
  mode: Autonomy | null;
  approvers: { id: string; senior: boolean }[];
  rollbackPlan: string | null;
  deployedAt: Date;
}

export interface ChangeContext {
  /** Grants of the change's tool in its environment (others are ignored). */
  grants: PolicyGrant[];
  /** Incident links of the change's tool. */
  incidentLinks: PolicyIncidentLink[];
}

const NO_GRANT_WHY: Record<Exclude<GrantStanding["state"], "VALID">, string> = {
  NONE: "had no approved grant",
  REVOKED: "had only a revoked grant",
  EXPIRED: "had only an expired grant",
};

/** A tool acting without a grant in force, or in a mode above min(grant, ceiling), at deploy time. */
function toolViolation(change: ChangeInput, toolSlug: string, context: ChangeContext, policy: Policy): ChangeViolation | null {
  const env = change.environment;
  const at = change.deployedAt;
  const standing = grantStanding(
    context.grants.filter((g) => g.toolSlug === toolSlug && g.environment === env.name),
    at,
  );
  if (standing.state !== "VALID") {
    return {
      code: "NO_APPROVED_GRANT",
      message: `${toolSlug} ${NO_GRANT_WHY[standing.state]} in ${env.name} when the change was deployed (${at.toISOString()})`,
    };
  }
  if (change.mode === null) return null;
  const ceiling = autonomyCeiling(toolSlug, env.tier, context.incidentLinks, at, policy);
  const allowed = effectiveAllowedAutonomy(standing.grant.maxAutonomy, ceiling);
  if (compareAutonomy(change.mode, allowed) <= 0) return null;
  const capped = ceiling && compareAutonomy(ceiling.level, standing.grant.maxAutonomy) < 0 ? ` (${ceiling.reason})` : "";
  return {
    code: "MODE_EXCEEDS_ALLOWED_AUTONOMY",
    message: `${toolSlug} acted in ${change.mode} mode in ${env.name} but was allowed at most ${allowed} when the change was deployed${capped}`,
  };
}

/** Every policy violation of one change, in the order of DESIGN's list. */
export function changeViolations(change: ChangeInput, context: ChangeContext, policy: Policy = DEFAULT_POLICY): ChangeViolation[] {
  const rules = policy.changes;
  const env = change.environment;
  const where = `in ${env.name} (tier ${env.tier})`;
  const violations: ChangeViolation[] = [];

  const aiMade = change.aiOrigin !== "HUMAN";
  if (aiMade && isTierAtLeast(env.tier, rules.aiChangeSeniorApproverFromTier) && !change.approvers.some((a) => a.senior)) {
    violations.push({
      code: "AI_CHANGE_WITHOUT_SENIOR_APPROVER",
      message: `${change.aiOrigin} change ${where} has no senior approver`,
    });
  }
  const distinctApprovers = new Set(change.approvers.map((a) => a.id)).size;
  const highImpact = rules.twoApproverChangeTypes.includes(change.changeType);
  if (highImpact && isTierAtLeast(env.tier, rules.twoApproversFromTier) && distinctApprovers < 2) {
    violations.push({
      code: "HIGH_IMPACT_CHANGE_WITHOUT_TWO_APPROVERS",
      message: `${change.changeType} change ${where} has ${distinctApprovers} distinct approver${distinctApprovers === 1 ? "" : "s"}; two are required`,
    });
  }
  if (isTierAtLeast(env.tier, rules.rollbackPlanFromTier) && !change.rollbackPlan?.trim()) {
    violations.push({ code: "NO_ROLLBACK_PLAN", message: `change ${where} has no rollback plan` });
  }
  // Whatever its recorded origin, a change made by a named tool needs that tool's grant.
  const byTool = change.toolSlug === null ? null : toolViolation(change, change.toolSlug, context, policy);
  if (byTool) violations.push(byTool);
  return violations;
}
