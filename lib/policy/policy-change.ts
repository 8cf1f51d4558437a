// What a policy edit changes, rule by rule, and whether each change loosens the rules. A change that
// loosens anything must be approved by a second, senior reviewer before it governs (DESIGN.md,
// "Governing the governance"). Conservative: what cannot be shown to be at least as strict loosens.

import { describeTrigger } from "./approvals";
import type { ApprovalRequirement, ApprovalRow, ApprovalTrigger, Policy } from "./policy";
import { autonomyRank, INCIDENT_SEVERITIES, tierRank, TIERS, type Autonomy, type Tier } from "./types";

export interface PolicyDifference {
  /** Where in the policy, as the API and the form name it: "ceiling.windowDays", "approvals.rows.1". */
  path: string;
  before: unknown;
  after: unknown;
  loosens: boolean;
  /** The whole difference in plain words: "Ceiling window: 90 → 30 days (loosens: incidents count for a shorter time)". */
  message: string;
  /** Its parts, for a table: "Ceiling window", "90 → 30 days", "incidents count for a shorter time". */
  setting: string;
  change: string;
  reason: string;
}

export const loosensAny = (differences: readonly PolicyDifference[]): boolean => differences.some((d) => d.loosens);

const difference = (path: string, setting: string, before: unknown, after: unknown, change: string, loosens: boolean, reason: string): PolicyDifference => ({
  path,
  before,
  after,
  loosens,
  message: `${setting}: ${change} (${loosens ? "loosens" : "tightens"}: ${reason})`,
  setting,
  change,
  reason,
});

/** Days where more days is stricter (the ceiling window) or laxer (stale, unused). */
function days(path: string, label: string, before: number, after: number, longerLoosens: boolean, why: { loosens: string; tightens: string }): PolicyDifference[] {
  if (before === after) return [];
  const loosens = after > before === longerLoosens;
  return [difference(path, label, before, after, `${before} → ${after} days`, loosens, loosens ? why.loosens : why.tightens)];
}

/** A tier from which a rule applies: a higher tier leaves the tiers below it uncovered. */
function fromTier(path: string, label: string, before: Tier, after: Tier): PolicyDifference[] {
  if (before === after) return [];
  const loosens = tierRank(after) > tierRank(before);
  const why = loosens ? `no longer applies at ${before}` : `now applies from ${after}`;
  return [difference(path, label, before, after, `${before} → ${after}`, loosens, why)];
}

/** A list where each entry makes the rule apply more often: removing any entry loosens. */
function coverage<T extends string>(path: string, label: string, before: readonly T[], after: readonly T[]): PolicyDifference[] {
  const removed = before.filter((value) => !after.includes(value));
  const added = after.filter((value) => !before.includes(value));
  if (removed.length === 0 && added.length === 0) return [];
  const loosens = removed.length > 0;
  const words = [removed.length > 0 && `removed ${removed.join(", ")}`, added.length > 0 && `added ${added.join(", ")}`].filter(Boolean).join("; ");
  const why = loosens ? `${removed.join(", ")} no longer counted` : `${added.join(", ")} now counted`;
  return [difference(path, label, [...before], [...after], words, loosens, why)];
}

const capWords = (cap: Autonomy | undefined) => cap ?? "no cap";

function caps(before: Policy["ceiling"]["caps"], after: Policy["ceiling"]["caps"]): PolicyDifference[] {
  return INCIDENT_SEVERITIES.flatMap((severity) => {
    const was = before[severity];
    const now = after[severity];
    if (was === now) return [];
    // No cap is the laxest cap of all.
    const rank = (cap: Autonomy | undefined) => (cap === undefined ? Number.POSITIVE_INFINITY : autonomyRank(cap));
    const loosens = rank(now) > rank(was);
    const why = loosens ? `a ${severity} leaves a tool more autonomy` : `a ${severity} caps a tool lower`;
    return [difference(`ceiling.caps.${severity}`, `Cap after a ${severity}`, was ?? null, now ?? null, `${capWords(was)} → ${capWords(now)}`, loosens, why)];
  });
}

const requirementWords = ({ count, seniorRequired }: ApprovalRequirement) => `${count} reviewer${count === 1 ? "" : "s"}${seniorRequired ? ", senior" : ""}`;

function requirement(path: string, label: string, before: ApprovalRequirement, after: ApprovalRequirement): PolicyDifference[] {
  const found: PolicyDifference[] = [];
  if (before.count !== after.count) {
    const loosens = after.count < before.count;
    found.push(difference(`${path}.count`, label, before.count, after.count, `${before.count} → ${after.count} approvals`, loosens, loosens ? "fewer people approve" : "more people approve"));
  }
  if (before.seniorRequired !== after.seniorRequired) {
    const loosens = !after.seniorRequired;
    const shown = loosens ? "senior reviewer required → not required" : "senior reviewer not required → required";
    found.push(difference(`${path}.seniorRequired`, label, before.seniorRequired, after.seniorRequired, shown, loosens, loosens ? "no senior needs to approve" : "a senior must approve"));
  }
  return found;
}

// Conditions compared as sets: the order of a row's triggers, and of the values inside one, means nothing.
function canonicalTrigger(trigger: ApprovalTrigger): string {
  const entries = Object.entries(trigger)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [key, Array.isArray(value) ? [...value].sort() : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}
const canonicalConditions = (row: ApprovalRow) => JSON.stringify(row.when.map(canonicalTrigger).sort());

/**
 * Matrix rows have no identity but their conditions: a row with the same conditions is the same row
 * (its requirement compared); one whose conditions changed cannot be proven as strict, so it loosens
 * like a removed row; a new row only adds requirements, since every matching row must be satisfied.
 */
function rows(before: ApprovalRow[], after: ApprovalRow[], highImpact: Policy["highImpactClasses"]): PolicyDifference[] {
  const conditions = (row: ApprovalRow) => row.when.map((trigger) => describeTrigger(trigger, highImpact)).join("; or ");
  const unmatchedAfter = new Set(after.map((_, index) => index));
  const found: PolicyDifference[] = [];
  const removed: number[] = [];
  before.forEach((row, index) => {
    const match = [...unmatchedAfter].find((candidate) => canonicalConditions(after[candidate]) === canonicalConditions(row));
    if (match === undefined) return removed.push(index);
    unmatchedAfter.delete(match);
    found.push(...requirement(`approvals.rows.${match}`, `Approval row "${conditions(row)}"`, row, after[match]));
  });
  for (const index of removed) {
    const row = before[index];
    // A row at the same place with other conditions reads as a changed row rather than a removal and an addition.
    if (unmatchedAfter.has(index)) {
      unmatchedAfter.delete(index);
      const changed = after[index];
      found.push(
        difference(
          `approvals.rows.${index}`,
          "Approval row",
          row,
          changed,
          `"${conditions(row)}" (${requirementWords(row)}) → "${conditions(changed)}" (${requirementWords(changed)})`,
          true,
          "its conditions changed, so grants it covered may no longer need these approvals",
        ),
      );
    } else {
      found.push(difference(`approvals.rows.${index}`, "Approval row", row, null, `"${conditions(row)}" (${requirementWords(row)}) removed`, true, "grants it covered no longer need these approvals"));
    }
  }
  for (const index of [...unmatchedAfter].sort((a, b) => a - b)) {
    const row = after[index];
    found.push(difference(`approvals.rows.${index}`, "Approval row", null, row, `added "${conditions(row)}" (${requirementWords(row)})`, false, "more grants need these approvals"));
  }
  return found;
}

// One comparer per part of the policy; the mapped types make a new field of Policy a compile error here.
type Comparers<T> = { [K in keyof T]-?: (before: T[K], after: T[K], policies: { before: Policy; after: Policy }) => PolicyDifference[] };

const CEILING: Comparers<Policy["ceiling"]> = {
  windowDays: (b, a) => days("ceiling.windowDays", "Ceiling window", b, a, false, { loosens: "incidents count for a shorter time", tightens: "incidents count for longer" }),
  fromTier: (b, a) => fromTier("ceiling.fromTier", "Ceiling applies from tier", b, a),
  roles: (b, a) => coverage("ceiling.roles", "Incident roles that count", b, a),
  caps,
};

const FINDINGS: Comparers<Policy["findings"]> = {
  staleObservationDays: (b, a) =>
    days("findings.staleObservationDays", "Observation stale after", b, a, true, { loosens: "old observations are trusted for longer", tightens: "observations go stale sooner" }),
  unusedGrantDays: (b, a) => days("findings.unusedGrantDays", "Grant unused after", b, a, true, { loosens: "unused grants are flagged later", tightens: "unused grants are flagged sooner" }),
  twoPersonFromTier: (b, a) => fromTier("findings.twoPersonFromTier", "Two-person rule from tier", b, a),
};

const EXCEPTIONS: Comparers<Policy["exceptions"]> = {
  maxDays: (b, a) => days("exceptions.maxDays", "Exceptions last at most", b, a, true, { loosens: "findings can be accepted for longer", tightens: "acceptances must be renewed sooner" }),
};

const REVIEWS: Comparers<Policy["reviews"]> = {
  periodDays: (b, a) =>
    TIERS.flatMap((t) => days(`reviews.periodDays.${t}`, `Grants recertified at ${t} every`, b[t], a[t], true, { loosens: "grants go longer without review", tightens: "grants are reviewed sooner" })),
  graceDays: (b, a) => days("reviews.graceDays", "A due review may wait", b, a, true, { loosens: "an unreviewed grant is raised later", tightens: "an unreviewed grant is raised sooner" }),
};

const CHANGES: Comparers<Policy["changes"]> = {
  aiChangeSeniorApproverFromTier: (b, a) => fromTier("changes.aiChangeSeniorApproverFromTier", "Senior approver for AI changes from tier", b, a),
  twoApproverChangeTypes: (b, a) => coverage("changes.twoApproverChangeTypes", "Change types that need two approvers", b, a),
  twoApproversFromTier: (b, a) => fromTier("changes.twoApproversFromTier", "Two approvers from tier", b, a),
  rollbackPlanFromTier: (b, a) => fromTier("changes.rollbackPlanFromTier", "Rollback plan required from tier", b, a),
};

const APPROVALS: Comparers<Policy["approvals"]> = {
  base: (b, a) => requirement("approvals.base", "Approvals for any grant", b, a),
  rows: (b, a, { before }) => rows(b, a, before.highImpactClasses),
};

function section<T>(comparers: Comparers<T>, before: T, after: T, policies: { before: Policy; after: Policy }): PolicyDifference[] {
  return (Object.keys(comparers) as (keyof T)[]).flatMap((key) => comparers[key](before[key], after[key], policies));
}

const POLICY: Comparers<Policy> = {
  highImpactClasses: (b, a) => coverage("highImpactClasses", "High-impact capability classes", b, a),
  approvals: (b, a, p) => section(APPROVALS, b, a, p),
  ceiling: (b, a, p) => section(CEILING, b, a, p),
  findings: (b, a, p) => section(FINDINGS, b, a, p),
  exceptions: (b, a, p) => section(EXCEPTIONS, b, a, p),
  reviews: (b, a, p) => section(REVIEWS, b, a, p),
  changes: (b, a, p) => section(CHANGES, b, a, p),
};

/** Every difference between the policy in force and a proposed one, in the policy's order; empty when they are the same rules. */
export function comparePolicies(before: Policy, after: Policy): PolicyDifference[] {
  return section(POLICY, before, after, { before, after });
}
