// What a proposed policy would do before it is saved (the Policy page's preview, POST
// /api/v1/policy/preview): which pending grants would need more approvals or fewer, and which approved
// grants would raise or clear DESTRUCTIVE_WITHOUT_TWO_PERSON. It asks the rules the rest of the
// register uses (requiredApprovals, grantApprovalProgress, destructiveWithoutTwoPerson) under the
// policy in force and under the draft, and reports where the answers differ.

import { grantApprovalProgress, requiredApprovals, type RecordedDecision, type RequiredApprovals } from "./approvals";
import { destructiveWithoutTwoPerson, pairFacts } from "./findings";
import type { Policy } from "./policy";
import { comparePolicies, loosensAny, type PolicyDifference } from "./policy-change";
import type { Autonomy, RegisterSnapshot, Severity } from "./types";

/** A grant awaiting its decisions, with what the approval matrix and the approval count read of it. */
export interface PendingGrantFacts {
  id: string;
  toolSlug: string;
  /** Environment name, as in the snapshot. */
  environment: string;
  maxAutonomy: Autonomy;
  capabilities: string[];
  requesterId: string;
  decisions: RecordedDecision[];
}

export interface MatrixPreviewInput {
  /** The register: its environments and capability classes judge pending grants, its pairs the findings. */
  snapshot: RegisterSnapshot;
  pending: PendingGrantFacts[];
  now: Date;
}

export interface RequirementChange {
  grantId: string;
  tool: string;
  environment: string;
  before: RequiredApprovals;
  after: RequiredApprovals;
  /** Under the draft, what the grant still lacks; empty when the approvals on record would already do. */
  missingAfter: string[];
}

export interface TwoPersonChange {
  /** The approved grant in force for the pair. */
  grantId: string;
  tool: string;
  environment: string;
  severity: Severity;
  explanation: string;
}

export interface MatrixPreview {
  differences: PolicyDifference[];
  /** Saving it would make a proposal a second, senior reviewer must approve. */
  loosens: boolean;
  pendingGrants: number;
  moreApprovals: RequirementChange[];
  fewerApprovals: RequirementChange[];
  newTwoPersonFindings: TwoPersonChange[];
  clearedTwoPersonFindings: TwoPersonChange[];
}

// Stricter in some respect, looser in some respect; a grant asked for more people but no senior is both.
const asksMore = (before: RequiredApprovals, after: RequiredApprovals) => after.count > before.count || (after.seniorRequired && !before.seniorRequired);
const asksLess = (before: RequiredApprovals, after: RequiredApprovals) => after.count < before.count || (before.seniorRequired && !after.seniorRequired);

function requirementChanges(current: Policy, draft: Policy, { snapshot, pending }: MatrixPreviewInput) {
  const environments = new Map(snapshot.environments.map((e) => [e.name, e]));
  const classOf = new Map(snapshot.capabilities.map((c) => [c.key, c.class]));
  const more: RequirementChange[] = [];
  const fewer: RequirementChange[] = [];
  for (const grant of pending) {
    const environment = environments.get(grant.environment);
    if (!environment) continue;
    const input = { environment, maxAutonomy: grant.maxAutonomy, capabilityClasses: grant.capabilities.flatMap((key) => classOf.get(key) ?? []) };
    const before = requiredApprovals(input, current);
    const after = requiredApprovals(input, draft);
    const stricter = asksMore(before, after);
    const looser = asksLess(before, after);
    if (!stricter && !looser) continue;
    const change: RequirementChange = {
      grantId: grant.id,
      tool: grant.toolSlug,
      environment: grant.environment,
      before,
      after,
      missingAfter: grantApprovalProgress({ requesterId: grant.requesterId, required: after }, grant.decisions).missing,
    };
    if (stricter) more.push(change);
    if (looser) fewer.push(change);
  }
  return { more, fewer };
}

function twoPersonChanges(current: Policy, draft: Policy, { snapshot, now }: MatrixPreviewInput) {
  const raised: TwoPersonChange[] = [];
  const cleared: TwoPersonChange[] = [];
  // A pair's grants, observation and standing do not depend on the policy: build them once.
  for (const pair of pairFacts(snapshot, now, current)) {
    const before = destructiveWithoutTwoPerson(pair);
    const after = destructiveWithoutTwoPerson({ ...pair, policy: draft });
    if (Boolean(before) === Boolean(after)) continue;
    const finding = (after ?? before)!;
    // The rule only fires under a valid grant, so the pair's standing names it.
    const grantId = pair.standing.grant!.id;
    const change = { grantId, tool: finding.tool, environment: finding.environment, severity: finding.severity, explanation: finding.explanation };
    (after ? raised : cleared).push(change);
  }
  return { raised, cleared };
}

const byToolAndEnvironment = <T extends { tool: string; environment: string }>(list: T[]): T[] =>
  list.sort((a, b) => (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : a.environment < b.environment ? -1 : a.environment > b.environment ? 1 : 0));

/** What saving `draft` in place of `current` would change for the register's pending and approved grants. */
export function previewPolicy(current: Policy, draft: Policy, input: MatrixPreviewInput): MatrixPreview {
  const differences = comparePolicies(current, draft);
  const { more, fewer } = requirementChanges(current, draft, input);
  const { raised, cleared } = twoPersonChanges(current, draft, input);
  return {
    differences,
    loosens: loosensAny(differences),
    pendingGrants: input.pending.length,
    moreApprovals: byToolAndEnvironment(more),
    fewerApprovals: byToolAndEnvironment(fewer),
    newTwoPersonFindings: byToolAndEnvironment(raised),
    clearedTwoPersonFindings: byToolAndEnvironment(cleared),
  };
}
