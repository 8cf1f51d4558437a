// Findings: breaches derived from the register, never typed in. Each rule judges one tool in one
// environment from its PairFacts; computeFindings indexes the snapshot once and runs every rule.

import { reviewDueAt, reviewedAt, reviewOverdueAt } from "./access-reviews";
import { grantStanding, type GrantStanding } from "./approvals";
import { autonomyCeiling, effectiveAllowedAutonomy, type AutonomyCeiling } from "./ceiling";
import { DEFAULT_POLICY, type Policy } from "./policy";
import { mergeObservation } from "./observations";
import { addDays, DAY_MS, formatDay, isWithinLastDays } from "./time";
import {
  autonomyRank,
  FINDING_RULES,
  isTierAtLeast,
  severityRank,
  type Autonomy,
  type CapabilityClass,
  type Finding,
  type FindingRule,
  type PolicyEnvironment,
  type PolicyGrant,
  type PolicyIncidentLink,
  type PolicyObservation,
  type PolicyTool,
  type RegisterSnapshot,
  type Severity,
  type Tier,
  type ToolStatus,
  DORMANT_TOOL_STATUSES,
} from "./types";

/** Everything the rules need to judge one tool in one environment. */
export interface PairFacts {
  tool: PolicyTool;
  environment: PolicyEnvironment;
  /** Every grant of the pair, whatever its status. */
  grants: PolicyGrant[];
  /** What is observed now, every source merged (lib/policy/observations.ts); null when never observed. */
  observation: PolicyObservation | null;
  standing: GrantStanding;
  ceiling: AutonomyCeiling | null;
  classOf: ReadonlyMap<string, CapabilityClass>;
  now: Date;
  policy: Policy;
}

export type Rule = (pair: PairFacts) => Finding | null;

// ---- Severity ---------------------------------------------------------------------------------
// Points for the tier, plus one per autonomy level of gap, plus the worst capability class at stake.
// What is at stake per rule: reach nothing allows (no valid grant, dormant tool) counts its whole
// autonomy level and everything held; exceeding a grant or ceiling counts the levels above it and
// everything held; extra or high-impact capabilities count just those; an unused grant what it
// permits; a stale observation only the tier.

const TIER_POINTS: Record<Tier, number> = {
  SANDBOX: 0,
  PRE_PRODUCTION: 1,
  PRODUCTION: 2,
  SHARED_PLATFORM: 3,
  CONTROL_PLANE: 4,
};

const CLASS_POINTS: Record<CapabilityClass, number> = {
  READ: 0,
  WRITE: 1,
  DEPLOY: 1,
  SENSITIVE_DATA: 1,
  INFRA: 2,
  SCHEMA: 2,
  ADMIN: 2,
  DESTRUCTIVE: 2,
};

/** Lowest score for each severity, worst first. */
const SEVERITY_FLOORS: [minPoints: number, severity: Severity][] = [
  [6, "CRITICAL"],
  [4, "HIGH"],
  [2, "MEDIUM"],
  [0, "LOW"],
];

export function findingSeverity(at: { tier: Tier; autonomyGap: number; capabilityClasses: CapabilityClass[] }): Severity {
  let classPoints = 0;
  for (const c of at.capabilityClasses) classPoints = Math.max(classPoints, CLASS_POINTS[c]);
  const points = TIER_POINTS[at.tier] + Math.max(0, at.autonomyGap) + classPoints;
  return SEVERITY_FLOORS.find(([min]) => points >= min)![1];
}

// ---- Shared wording and facts -----------------------------------------------------------------

/** Holding a capability or any autonomy above OFF is reach; OFF with nothing held is not. */
const hasReach = (o: PolicyObservation): boolean => o.autonomy !== "OFF" || o.capabilities.length > 0;

const ACTS: Record<Autonomy, string> = {
  OFF: "is switched OFF",
  SUGGEST: "makes suggestions (SUGGEST)",
  AGENT: "acts as an AGENT",
  AUTONOMOUS: "acts AUTONOMOUSLY",
};

/** Distinct keys in first-seen order; lists are short, so no Set is built per pair. */
const unique = (keys: string[]): string[] => keys.filter((k, i) => keys.indexOf(k) === i);

const classesOf = (keys: string[], classOf: ReadonlyMap<string, CapabilityClass>): CapabilityClass[] =>
  keys.flatMap((k) => classOf.get(k) ?? []);

const describeCapabilities = (keys: string[], classOf: ReadonlyMap<string, CapabilityClass>): string =>
  unique(keys).map((k) => (classOf.has(k) ? `${k} (${classOf.get(k)})` : k)).join(", ");

/** "acts AUTONOMOUSLY in prod", or "holds repo:write (WRITE) in prod" when autonomy is OFF. */
function activity(pair: PairFacts, o: PolicyObservation): string {
  const held = describeCapabilities(o.capabilities, pair.classOf);
  if (o.autonomy === "OFF") return `holds ${held} in ${pair.environment.name}`;
  return `${ACTS[o.autonomy]} in ${pair.environment.name}${held ? ` holding ${held}` : ""}`;
}

/** Severity of reach that nothing allows: the whole autonomy level and everything held count. */
const unallowedReachSeverity = (pair: PairFacts, o: PolicyObservation): Severity =>
  findingSeverity({
    tier: pair.environment.tier,
    autonomyGap: autonomyRank(o.autonomy),
    capabilityClasses: classesOf(o.capabilities, pair.classOf),
  });

/** Severity of autonomy above the level allowed: the levels above it count, and everything held; null when within it. */
function excessAutonomySeverity(pair: PairFacts, o: PolicyObservation, allowed: Autonomy): Severity | null {
  const gap = autonomyRank(o.autonomy) - autonomyRank(allowed);
  if (gap <= 0) return null;
  return findingSeverity({ tier: pair.environment.tier, autonomyGap: gap, capabilityClasses: classesOf(o.capabilities, pair.classOf) });
}

const finding = (pair: PairFacts, rule: FindingRule, severity: Severity, since: Date, explanation: string): Finding => ({
  rule,
  severity,
  tool: pair.tool.slug,
  environment: pair.environment.name,
  explanation,
  since,
});

const ACTIVE_TOOL_STATUSES: readonly ToolStatus[] = ["APPROVED", "RESTRICTED"];

// ---- Rules (DESIGN "Findings" table) ----------------------------------------------------------
// With no valid grant only UNGRANTED_REACH or GRANT_EXPIRED speaks to reach (one breach, one
// finding): the grant, ceiling, two-person and unused rules need a VALID grant. STALE_OBSERVATION
// and RETIRED_WITH_ACCESS are facts about the register and the tool, so they stand alongside.

/** Observed with reach where the tool never had an approved grant, or only revoked or denied ones. */
export const ungrantedReach: Rule = (pair) => {
  const { observation: o, standing } = pair;
  if (!o || !hasReach(o) || (standing.state !== "NONE" && standing.state !== "REVOKED")) return null;
  const why = standing.state === "REVOKED" ? "its grant there was revoked" : "it has no approved grant there";
  const explanation = `${pair.tool.slug} ${activity(pair, o)} but ${why}`;
  return finding(pair, "UNGRANTED_REACH", unallowedReachSeverity(pair, o), o.observedAt, explanation);
};

/** Observed with reach where the latest approved grant has expired; since the expiry. */
export const grantExpired: Rule = (pair) => {
  const { observation: o, standing } = pair;
  if (!o || !hasReach(o) || standing.state !== "EXPIRED") return null;
  const expiredAt = standing.grant.expiresAt;
  const why = expiredAt ? `its grant there expired on ${formatDay(expiredAt)}` : "its grant there has expired";
  const explanation = `${pair.tool.slug} ${activity(pair, o)} but ${why}`;
  return finding(pair, "GRANT_EXPIRED", unallowedReachSeverity(pair, o), expiredAt ?? o.observedAt, explanation);
};

/** Observed autonomy above the valid grant's maximum. */
export const autonomyExceedsGrant: Rule = (pair) => {
  const { observation: o, standing } = pair;
  if (!o || standing.state !== "VALID") return null;
  const severity = excessAutonomySeverity(pair, o, standing.grant.maxAutonomy);
  if (!severity) return null;
  return finding(
    pair,
    "AUTONOMY_EXCEEDS_GRANT",
    severity,
    o.observedAt,
    `${pair.tool.slug} ${ACTS[o.autonomy]} in ${pair.environment.name} but its grant allows ${standing.grant.maxAutonomy}`,
  );
};

/** Observed capabilities the valid grant does not allow: one finding listing them all. */
export const capabilityExceedsGrant: Rule = (pair) => {
  const { observation: o, standing } = pair;
  if (!o || standing.state !== "VALID") return null;
  const extra = unique(o.capabilities).filter((k) => !standing.grant.capabilities.includes(k));
  if (extra.length === 0) return null;
  const severity = findingSeverity({
    tier: pair.environment.tier,
    autonomyGap: 0,
    capabilityClasses: classesOf(extra, pair.classOf),
  });
  return finding(
    pair,
    "CAPABILITY_EXCEEDS_GRANT",
    severity,
    o.observedAt,
    `${pair.tool.slug} holds ${describeCapabilities(extra, pair.classOf)} in ${pair.environment.name}, which its grant does not allow`,
  );
};

/** Observed autonomy above the incident-history ceiling; since the binding incident started. */
export const autonomyExceedsCeiling: Rule = (pair) => {
  const { observation: o, standing, ceiling } = pair;
  if (!o || !ceiling || standing.state !== "VALID") return null;
  const severity = excessAutonomySeverity(pair, o, ceiling.level);
  if (!severity) return null;
  return finding(
    pair,
    "AUTONOMY_EXCEEDS_CEILING",
    severity,
    addDays(ceiling.until, -pair.policy.ceiling.windowDays),
    `${pair.tool.slug} ${ACTS[o.autonomy]} in ${pair.environment.name} but is ${ceiling.reason}`,
  );
};

/** High-impact capability at tier ≥ the two-person tier under a valid grant fewer than two people approved. */
export const destructiveWithoutTwoPerson: Rule = (pair) => {
  const { observation: o, standing, policy, environment: env } = pair;
  if (!o || standing.state !== "VALID" || !isTierAtLeast(env.tier, policy.findings.twoPersonFromTier)) return null;
  const approvers = unique(standing.grant.approverIds).length;
  if (approvers >= 2) return null;
  const highImpact = unique(o.capabilities).filter((k) => {
    const c = pair.classOf.get(k);
    return c !== undefined && policy.highImpactClasses.includes(c);
  });
  if (highImpact.length === 0) return null;
  const severity = findingSeverity({ tier: env.tier, autonomyGap: 0, capabilityClasses: classesOf(highImpact, pair.classOf) });
  return finding(
    pair,
    "DESTRUCTIVE_WITHOUT_TWO_PERSON",
    severity,
    o.observedAt,
    `${pair.tool.slug} holds ${describeCapabilities(highImpact, pair.classOf)} in ${env.name} (tier ${env.tier}) under a grant ` +
      `approved by ${approvers === 1 ? "only 1 person" : "nobody on record"}; high-impact capabilities at tier ≥ ` +
      `${policy.findings.twoPersonFromTier} need two`,
  );
};

/**
 * An active tool's observation is too old for the register to be trusted; since it went stale. Of
 * several sources each counts on its own: the riskier wins, so an old one may be what is judged.
 */
export const staleObservation: Rule = (pair) => {
  const { observation: o, now, policy, tool, environment: env } = pair;
  const days = policy.findings.staleObservationDays;
  const stalest = o?.oldest ?? o;
  if (!o || !stalest || !ACTIVE_TOOL_STATUSES.includes(tool.status) || isWithinLastDays(stalest.observedAt, now, days)) return null;
  const explanation = o.oldest
    ? `${tool.slug}'s ${o.oldest.source.toLowerCase()} observation in ${env.name} is from ${formatDay(o.oldest.observedAt)}, ${days} or more days ago, ` +
      `though another source is newer: refresh or remove it, as the register judges the riskier of them`
    : `${tool.slug} was last observed in ${env.name} on ${formatDay(o.observedAt)}, ${days} or more days ago: the register may no longer be true`;
  return finding(pair, "STALE_OBSERVATION", findingSeverity({ tier: env.tier, autonomyGap: 0, capabilityClasses: [] }), addDays(stalest.observedAt, days), explanation);
};

/** A SUSPENDED or RETIRED tool still observed with reach: dormant privilege. */
export const retiredWithAccess: Rule = (pair) => {
  const { observation: o, tool } = pair;
  if (!o || !hasReach(o) || !DORMANT_TOOL_STATUSES.includes(tool.status)) return null;
  const explanation = `${tool.slug} is ${tool.status} but still ${activity(pair, o)}`;
  return finding(pair, "RETIRED_WITH_ACCESS", unallowedReachSeverity(pair, o), o.observedAt, explanation);
};

/**
 * A grant valid for the unused-grant period with no observation in that period; since the later of
 * the two moments the period ran out (after the grant took effect, after the last observation).
 */
export const unusedGrant: Rule = (pair) => {
  const { observation: o, standing, now, policy, tool, environment: env } = pair;
  const days = policy.findings.unusedGrantDays;
  if (standing.state !== "VALID") return null;
  const validSince = standing.grant.decidedAt ?? standing.grant.createdAt;
  if (isWithinLastDays(validSince, now, days) || (o && isWithinLastDays(o.observedAt, now, days))) return null;
  const lastActivity = o && o.observedAt.getTime() > validSince.getTime() ? o.observedAt : validSince;
  const severity = findingSeverity({
    tier: env.tier,
    autonomyGap: 0,
    capabilityClasses: classesOf(standing.grant.capabilities, pair.classOf),
  });
  const seen = o ? `has not been observed there since ${formatDay(o.observedAt)}` : "has never been observed there";
  return finding(
    pair,
    "UNUSED_GRANT",
    severity,
    addDays(lastActivity, days),
    `${tool.slug}'s grant in ${env.name} (up to ${standing.grant.maxAutonomy}) has been valid since ` +
      `${formatDay(validSince)} but the tool ${seen}: least privilege says revoke it`,
  );
};

/**
 * A valid grant due for its access review (./access-reviews.ts) and not certified within the
 * policy's grace; since the grace ran out. Severity as an unused grant's: the tier and what it permits.
 */
export const grantNotRecertified: Rule = (pair) => {
  const { standing, now, policy, tool, environment: env } = pair;
  if (standing.state !== "VALID") return null;
  const overdueAt = reviewOverdueAt(standing.grant, env.tier, policy);
  if (now.getTime() < overdueAt.getTime()) return null;
  const severity = findingSeverity({ tier: env.tier, autonomyGap: 0, capabilityClasses: classesOf(standing.grant.capabilities, pair.classOf) });
  const reviewed = standing.grant.lastCertifiedAt ? `last certified on ${formatDay(standing.grant.lastCertifiedAt)}` : `approved on ${formatDay(reviewedAt(standing.grant))} and never certified`;
  return finding(
    pair,
    "GRANT_NOT_RECERTIFIED",
    severity,
    overdueAt,
    `${tool.slug}'s grant in ${env.name} (up to ${standing.grant.maxAutonomy}) was ${reviewed}; its review (every ${policy.reviews.periodDays[env.tier]} days at ${env.tier}) ` +
      `was due on ${formatDay(reviewDueAt(standing.grant, env.tier, policy))} and is ${policy.reviews.graceDays} or more days late: certify or revoke it`,
  );
};

const RULES: Record<FindingRule, Rule> = {
  UNGRANTED_REACH: ungrantedReach,
  AUTONOMY_EXCEEDS_GRANT: autonomyExceedsGrant,
  CAPABILITY_EXCEEDS_GRANT: capabilityExceedsGrant,
  AUTONOMY_EXCEEDS_CEILING: autonomyExceedsCeiling,
  GRANT_EXPIRED: grantExpired,
  DESTRUCTIVE_WITHOUT_TWO_PERSON: destructiveWithoutTwoPerson,
  STALE_OBSERVATION: staleObservation,
  RETIRED_WITH_ACCESS: retiredWithAccess,
  UNUSED_GRANT: unusedGrant,
  GRANT_NOT_RECERTIFIED: grantNotRecertified,
};

// ---- Indexing the snapshot --------------------------------------------------------------------

const NO_GRANT: GrantStanding = { state: "NONE", grant: null };
const NO_LINKS: PolicyIncidentLink[] = [];

/**
 * Facts for every tool × environment pair with a grant or an observation, built from Map indexes
 * in one pass over each list. Rows naming an unknown tool or environment are ignored.
 */
export function pairFacts(snapshot: RegisterSnapshot, now: Date, policy: Policy = DEFAULT_POLICY): PairFacts[] {
  const tools = new Map(snapshot.tools.map((t) => [t.slug, t]));
  const environments = new Map(snapshot.environments.map((e) => [e.name, e]));
  const classOf = new Map(snapshot.capabilities.map((c) => [c.key, c.class]));
  const linksByTool = new Map<string, PolicyIncidentLink[]>();
  for (const link of snapshot.incidentLinks) {
    const links = linksByTool.get(link.toolSlug);
    if (links) links.push(link);
    else linksByTool.set(link.toolSlug, [link]);
  }

  // tool slug → environment name → facts; nested maps avoid building a composite key per row.
  const index = new Map<string, Map<string, PairFacts>>();
  const pairs: PairFacts[] = [];
  const pairOf = (toolSlug: string, environmentName: string): PairFacts | undefined => {
    let byEnvironment = index.get(toolSlug);
    let pair = byEnvironment?.get(environmentName);
    if (pair) return pair;
    const tool = tools.get(toolSlug);
    const environment = environments.get(environmentName);
    if (!tool || !environment) return undefined;
    pair = { tool, environment, grants: [], observation: null, standing: NO_GRANT, ceiling: null, classOf, now, policy };
    if (!byEnvironment) index.set(toolSlug, (byEnvironment = new Map()));
    byEnvironment.set(environmentName, pair);
    pairs.push(pair);
    return pair;
  };
  for (const grant of snapshot.grants) pairOf(grant.toolSlug, grant.environment)?.grants.push(grant);
  for (const o of snapshot.observations) {
    const pair = pairOf(o.toolSlug, o.environment);
    if (pair) pair.observation = mergeObservation(pair.observation, o);
  }
  for (const pair of pairs) {
    pair.standing = grantStanding(pair.grants, now);
    pair.ceiling = autonomyCeiling(pair.tool.slug, pair.environment.tier, linksByTool.get(pair.tool.slug) ?? NO_LINKS, now, policy);
  }
  return pairs;
}

/** Plain code-unit order: deterministic and much faster than localeCompare on 100k rows. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const worstFirst = (a: Finding, b: Finding): number =>
  severityRank(b.severity) - severityRank(a.severity) ||
  compareText(a.tool, b.tool) ||
  compareText(a.environment, b.environment) ||
  FINDING_RULES.indexOf(a.rule) - FINDING_RULES.indexOf(b.rule);

const RULE_LIST = Object.values(RULES);

/** The findings of one tool in one environment, in the order of FINDING_RULES. */
export function pairFindings(pair: PairFacts): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULE_LIST) {
    const f = rule(pair);
    if (f) findings.push(f);
  }
  return findings;
}

/** Every finding in the register at `now`, worst first (severity, then tool, environment, rule). */
export function computeFindings(snapshot: RegisterSnapshot, now: Date, policy: Policy = DEFAULT_POLICY): Finding[] {
  return pairFacts(snapshot, now, policy).flatMap(pairFindings).sort(worstFirst);
}

/**
 * The first moment after `now` at which time alone may change the pair's findings or matrix cell:
 * a grant taking effect or expiring, an incident starting to count or leaving the ceiling's window,
 * an observation going stale, a grant's unused period running out, a due review's grace running out. Null when no such moment comes.
 * A superset of the moments is harmless (the pair is judged again and nothing changes); missing one
 * is not, so every time the rules above compare against `now` has its instant here.
 */
export function nextTransitionAt(pair: PairFacts, links: readonly PolicyIncidentLink[]): Date | null {
  const { now, policy, observation: o } = pair;
  const after = now.getTime();
  let next = Number.POSITIVE_INFINITY;
  const consider = (at: number) => {
    if (at > after && at < next) next = at;
  };
  for (const g of pair.grants) {
    const validSince = (g.decidedAt ?? g.createdAt).getTime();
    consider(validSince);
    consider(validSince + policy.findings.unusedGrantDays * DAY_MS);
    if (g.expiresAt) consider(g.expiresAt.getTime());
    consider(reviewOverdueAt(g, pair.environment.tier, policy).getTime());
  }
  if (o) {
    consider((o.oldest ?? o).observedAt.getTime() + policy.findings.staleObservationDays * DAY_MS);
    consider(o.observedAt.getTime() + policy.findings.unusedGrantDays * DAY_MS);
  }
  for (const link of links) {
    if (link.toolSlug !== pair.tool.slug) continue;
    consider(link.startedAt.getTime());
    consider(link.startedAt.getTime() + policy.ceiling.windowDays * DAY_MS);
  }
  return Number.isFinite(next) ? new Date(next) : null;
}

export interface MatrixCell {
  tool: string;
  environment: string;
  /** min(valid grant max, ceiling); OFF when there is no valid grant. */
  allowed: Autonomy;
  /** Latest observed autonomy; null when never observed. */
  actual: Autonomy | null;
  /** rank(actual) − rank(allowed), with an unobserved tool counted as OFF; > 0 means exceeded. */
  gap: number;
  ceiling: AutonomyCeiling | null;
}

/** The autonomy matrix's cell of one tool × environment. */
export function matrixCell({ tool, environment, observation, standing, ceiling }: PairFacts): MatrixCell {
  const allowed = effectiveAllowedAutonomy(standing.state === "VALID" ? standing.grant.maxAutonomy : null, ceiling);
  const actual = observation?.autonomy ?? null;
  return { tool: tool.slug, environment: environment.name, allowed, actual, gap: autonomyRank(actual ?? "OFF") - autonomyRank(allowed), ceiling };
}

/** Allowed vs actual autonomy for each tool × environment with a grant or an observation, by tool then environment. */
export function allowedAutonomyMatrix(snapshot: RegisterSnapshot, now: Date, policy: Policy = DEFAULT_POLICY): MatrixCell[] {
  return pairFacts(snapshot, now, policy)
    .map(matrixCell)
    .sort((a, b) => compareText(a.tool, b.tool) || compareText(a.environment, b.environment));
}
