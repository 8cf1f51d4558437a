import { describe, expect, it } from "vitest";
import { can, ROLES } from "@/lib/auth/permissions";
import {
  describeTrigger,
  approvalProgress,
  displayedGrantStatus,
  effectiveGrantStatus,
  evaluateDecision,
  grantApprovalProgress,
  grantStanding,
  grantStatusNow,
  isGrantValid,
  REVIEWER_ROLES,
  requiredApprovals,
  type DecisionInput,
  type RecordedDecision,
} from "./approvals";
import { DEFAULT_POLICY, type ApprovalTrigger, type Policy } from "./policy";
import { daysAgo, environment, grant, NOW } from "./test-fixtures";
import { addDays } from "./time";
import type { Autonomy, CapabilityClass, PolicyEnvironment, PolicyGrant } from "./types";

const sandbox = environment({ name: "sbx", tier: "SANDBOX" });

describe("requiredApprovals: the approval matrix", () => {
  type Row = {
    name: string;
    env: PolicyEnvironment;
    maxAutonomy?: Autonomy;
    classes?: CapabilityClass[];
    count: 1 | 2;
    senior: boolean;
    reasons: string[];
  };
  const rows: Row[] = [
    // any grant: 1 reviewer
    { name: "plain sandbox grant", env: sandbox, count: 1, senior: false, reasons: ["any grant"] },
    { name: "pre-production grant", env: environment({ tier: "PRE_PRODUCTION" }), maxAutonomy: "AGENT", classes: ["WRITE", "DEPLOY"], count: 1, senior: false, reasons: ["any grant"] },
    { name: "INTERNAL data", env: environment({ tier: "SANDBOX", dataSensitivity: "INTERNAL" }), count: 1, senior: false, reasons: ["any grant"] },
    { name: "SENSITIVE_DATA class is not high-impact", env: sandbox, classes: ["SENSITIVE_DATA"], count: 1, senior: false, reasons: ["any grant"] },
    // 1 senior reviewer: each trigger alone
    { name: "tier PRODUCTION", env: environment({ tier: "PRODUCTION" }), count: 1, senior: true, reasons: ["tier PRODUCTION"] },
    { name: "data PII", env: environment({ tier: "SANDBOX", dataSensitivity: "PII" }), count: 1, senior: true, reasons: ["data PII"] },
    { name: "data FINANCIAL", env: environment({ tier: "SANDBOX", dataSensitivity: "FINANCIAL" }), count: 1, senior: true, reasons: ["data FINANCIAL"] },
    { name: "critical business path", env: environment({ tier: "PRE_PRODUCTION", criticalPath: true }), count: 1, senior: true, reasons: ["critical business path"] },
    { name: "AUTONOMOUS at any tier", env: sandbox, maxAutonomy: "AUTONOMOUS", count: 1, senior: true, reasons: ["AUTONOMOUS"] },
    { name: "AUTONOMOUS at pre-production", env: environment({ tier: "PRE_PRODUCTION" }), maxAutonomy: "AUTONOMOUS", count: 1, senior: true, reasons: ["AUTONOMOUS"] },
    { name: "DESTRUCTIVE at sandbox", env: sandbox, classes: ["DESTRUCTIVE"], count: 1, senior: true, reasons: ["capability class DESTRUCTIVE"] },
    { name: "SCHEMA at sandbox", env: sandbox, classes: ["SCHEMA"], count: 1, senior: true, reasons: ["capability class SCHEMA"] },
    { name: "INFRA at sandbox", env: sandbox, classes: ["INFRA"], count: 1, senior: true, reasons: ["capability class INFRA"] },
    { name: "ADMIN at sandbox", env: sandbox, classes: ["ADMIN", "READ"], count: 1, senior: true, reasons: ["capability class ADMIN"] },
    // 2 distinct reviewers, at least one senior: each trigger alone
    { name: "tier SHARED_PLATFORM", env: environment({ tier: "SHARED_PLATFORM" }), count: 2, senior: true, reasons: ["tier SHARED_PLATFORM"] },
    { name: "tier CONTROL_PLANE", env: environment({ tier: "CONTROL_PLANE" }), count: 2, senior: true, reasons: ["tier CONTROL_PLANE"] },
    { name: "AUTONOMOUS at PRODUCTION", env: environment(), maxAutonomy: "AUTONOMOUS", count: 2, senior: true, reasons: ["AUTONOMOUS at tier ≥ PRODUCTION", "tier PRODUCTION", "AUTONOMOUS"] },
    { name: "DESTRUCTIVE at PRODUCTION", env: environment(), classes: ["DESTRUCTIVE"], count: 2, senior: true, reasons: ["capability class DESTRUCTIVE at tier ≥ PRODUCTION", "tier PRODUCTION", "capability class DESTRUCTIVE"] },
    { name: "SCHEMA at PRODUCTION", env: environment(), classes: ["SCHEMA"], count: 2, senior: true, reasons: ["capability class SCHEMA at tier ≥ PRODUCTION", "tier PRODUCTION", "capability class SCHEMA"] },
    { name: "INFRA at PRODUCTION", env: environment(), classes: ["INFRA"], count: 2, senior: true, reasons: ["capability class INFRA at tier ≥ PRODUCTION", "tier PRODUCTION", "capability class INFRA"] },
    { name: "ADMIN at PRODUCTION", env: environment(), classes: ["ADMIN"], count: 2, senior: true, reasons: ["capability class ADMIN at tier ≥ PRODUCTION", "tier PRODUCTION", "capability class ADMIN"] },
    // strictest row applies
    { name: "PII and critical path stay at one senior", env: environment({ tier: "SANDBOX", dataSensitivity: "PII", criticalPath: true }), count: 1, senior: true, reasons: ["data PII", "critical business path"] },
    { name: "PRODUCTION + PII + DESTRUCTIVE takes the two-person row", env: environment({ dataSensitivity: "PII" }), classes: ["DESTRUCTIVE", "WRITE"], count: 2, senior: true, reasons: ["capability class DESTRUCTIVE at tier ≥ PRODUCTION", "tier PRODUCTION", "data PII", "capability class DESTRUCTIVE"] },
    { name: "several high-impact classes named together", env: environment({ tier: "CONTROL_PLANE" }), classes: ["ADMIN", "DESTRUCTIVE"], count: 2, senior: true, reasons: ["tier CONTROL_PLANE", "capability class ADMIN, DESTRUCTIVE at tier ≥ PRODUCTION", "capability class ADMIN, DESTRUCTIVE"] },
  ];

  it.each(rows)("$name → $count approval(s), senior=$senior", ({ env, maxAutonomy = "SUGGEST", classes = ["READ"], count, senior, reasons }) => {
    expect(requiredApprovals({ environment: env, maxAutonomy, capabilityClasses: classes })).toEqual({ count, seniorRequired: senior, reasons });
  });

  it("follows an edited policy: dropping the critical-path trigger lowers the requirement", () => {
    const policy: Policy = structuredClone(DEFAULT_POLICY);
    policy.approvals.rows[0].when = policy.approvals.rows[0].when.filter((t) => !t.criticalPath);
    const input = { environment: environment({ tier: "SANDBOX", criticalPath: true }), maxAutonomy: "SUGGEST" as const, capabilityClasses: [] };
    expect(requiredApprovals(input, policy)).toEqual({ count: 1, seniorRequired: false, reasons: ["any grant"] });
  });

  it("the default policy survives a JSON round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(DEFAULT_POLICY))).toEqual(DEFAULT_POLICY);
  });
});

describe("describeTrigger: the matrix in plain words", () => {
  const highImpact = DEFAULT_POLICY.highImpactClasses;
  it.each<[ApprovalTrigger, string]>([
    [{ tierAtLeast: "PRODUCTION" }, "tier ≥ PRODUCTION"],
    [{ dataSensitivityIn: ["PII", "FINANCIAL"] }, "data PII or FINANCIAL"],
    [{ criticalPath: true }, "a critical business path"],
    [{ autonomyAtLeast: "AUTONOMOUS", tierAtLeast: "PRODUCTION" }, "autonomy AUTONOMOUS or above at tier ≥ PRODUCTION"],
    [{ capabilityClassIn: [...highImpact] }, "a high-impact capability"],
    [{ capabilityClassIn: ["DESTRUCTIVE"], tierAtLeast: "SHARED_PLATFORM" }, "a capability of class DESTRUCTIVE at tier ≥ SHARED_PLATFORM"],
  ])("%j reads %s", (trigger, words) => {
    expect(describeTrigger(trigger, highImpact)).toBe(words);
  });
});

describe("evaluateDecision", () => {
  const securityReviewer = { id: "r1", role: "SECURITY_REVIEWER", senior: false, active: true };
  const seniorReviewer = { id: "r2", role: "SECURITY_REVIEWER", senior: true, active: true };
  const base = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({
    grant: { status: "REQUESTED", requesterId: "lead", expiresAt: null, required: { count: 1, seniorRequired: false } },
    decisions: [],
    reviewer: securityReviewer,
    decision: "APPROVE",
    now: NOW,
    ...overrides,
  });
  const approve = (reviewerId: string, senior = false): RecordedDecision => ({ reviewerId, senior, decision: "APPROVE" });
  const errorCode = (input: DecisionInput) => {
    const outcome = evaluateDecision(input);
    return outcome.ok ? null : outcome.error.code;
  };

  it("one reviewer approves a grant needing one approval", () => {
    expect(evaluateDecision(base())).toEqual({ ok: true, nextStatus: "APPROVED", approvals: 1, seniorApprovals: 0 });
  });

  it("an active ADMIN may decide", () => {
    expect(evaluateDecision(base({ reviewer: { id: "a1", role: "ADMIN", senior: false, active: true } }))).toMatchObject({ ok: true, nextStatus: "APPROVED" });
  });

  it.each([
    { name: "platform lead", reviewer: { id: "x", role: "PLATFORM_LEAD", senior: true, active: true } },
    { name: "viewer", reviewer: { id: "x", role: "VIEWER", senior: false, active: true } },
    { name: "incident manager", reviewer: { id: "x", role: "INCIDENT_MANAGER", senior: true, active: true } },
    { name: "inactive security reviewer", reviewer: { ...seniorReviewer, active: false } },
    { name: "inactive admin", reviewer: { id: "a1", role: "ADMIN", senior: true, active: false } },
  ])("refuses a $name as NOT_REVIEWER", ({ reviewer }) => {
    expect(errorCode(base({ reviewer }))).toBe("NOT_REVIEWER");
    expect(errorCode(base({ reviewer, decision: "DENY" }))).toBe("NOT_REVIEWER");
  });

  it("refuses self-approval and self-denial by the requester", () => {
    const requesterReviewer = { ...seniorReviewer, id: "lead" };
    expect(errorCode(base({ reviewer: requesterReviewer }))).toBe("SELF_APPROVAL");
    expect(errorCode(base({ reviewer: requesterReviewer, decision: "DENY" }))).toBe("SELF_APPROVAL");
  });

  it("refuses a second decision by the same reviewer", () => {
    const required = { count: 2 as const, seniorRequired: false };
    const input = base({ grant: { ...base().grant, required }, decisions: [approve("r1")] });
    expect(errorCode(input)).toBe("DUPLICATE_DECISION");
    expect(errorCode({ ...input, decision: "DENY" })).toBe("DUPLICATE_DECISION");
  });

  it.each([
    { status: "DENIED", code: "GRANT_NOT_PENDING" },
    { status: "REVOKED", code: "GRANT_NOT_PENDING" },
    { status: "APPROVED", code: "GRANT_NOT_PENDING" },
    { status: "EXPIRED", code: "GRANT_EXPIRED" },
  ] as const)("refuses a decision on a $status grant with $code", ({ status, code }) => {
    expect(errorCode(base({ grant: { ...base().grant, status } }))).toBe(code);
  });

  it("refuses a decision on a pending grant whose expiry has passed, at the exact instant too", () => {
    expect(errorCode(base({ grant: { ...base().grant, expiresAt: daysAgo(1) } }))).toBe("GRANT_EXPIRED");
    expect(errorCode(base({ grant: { ...base().grant, expiresAt: NOW } }))).toBe("GRANT_EXPIRED");
    expect(errorCode(base({ grant: { ...base().grant, expiresAt: addDays(NOW, 1) } }))).toBeNull();
  });

  it("two-person rule: the first approval leaves the grant pending, the second distinct one approves", () => {
    const required = { count: 2 as const, seniorRequired: true };
    const first = evaluateDecision(base({ grant: { ...base().grant, required }, reviewer: seniorReviewer }));
    expect(first).toEqual({ ok: true, nextStatus: "REQUESTED", approvals: 1, seniorApprovals: 1 });
    const second = evaluateDecision(base({ grant: { ...base().grant, required }, decisions: [approve("r2", true)] }));
    expect(second).toEqual({ ok: true, nextStatus: "APPROVED", approvals: 2, seniorApprovals: 1 });
  });

  it("two non-senior approvals do not satisfy a senior requirement", () => {
    const required = { count: 2 as const, seniorRequired: true };
    const outcome = evaluateDecision(base({ grant: { ...base().grant, required }, decisions: [approve("r3")] }));
    expect(outcome).toEqual({ ok: true, nextStatus: "REQUESTED", approvals: 2, seniorApprovals: 0 });
  });

  it("one senior approval satisfies the one-senior row, a non-senior one does not", () => {
    const required = { count: 1 as const, seniorRequired: true };
    expect(evaluateDecision(base({ grant: { ...base().grant, required } }))).toMatchObject({ nextStatus: "REQUESTED" });
    expect(evaluateDecision(base({ grant: { ...base().grant, required }, reviewer: seniorReviewer }))).toMatchObject({ nextStatus: "APPROVED" });
  });

  it("a DENY after one approval denies the grant", () => {
    const required = { count: 2 as const, seniorRequired: true };
    const outcome = evaluateDecision(base({ grant: { ...base().grant, required }, decisions: [approve("r2", true)], decision: "DENY" }));
    expect(outcome).toEqual({ ok: true, nextStatus: "DENIED", approvals: 1, seniorApprovals: 1 });
  });

  it("a recorded decision by the requester never counts towards approval", () => {
    const required = { count: 2 as const, seniorRequired: false };
    const outcome = evaluateDecision(base({ grant: { ...base().grant, required }, decisions: [approve("lead", true)] }));
    expect(outcome).toEqual({ ok: true, nextStatus: "REQUESTED", approvals: 1, seniorApprovals: 0 });
  });
});

describe("approvalProgress", () => {
  it("reports what is missing for a two-person grant", () => {
    expect(approvalProgress({ count: 2, seniorRequired: true }, [])).toEqual({
      approvals: 0,
      seniorApprovals: 0,
      satisfied: false,
      missing: ["2 more approvals", "a senior approval"],
    });
    expect(approvalProgress({ count: 2, seniorRequired: true }, [{ reviewerId: "a", senior: false, decision: "APPROVE" }])).toEqual({
      approvals: 1,
      seniorApprovals: 0,
      satisfied: false,
      missing: ["1 more approval", "a senior approval"],
    });
  });

  it("counts each person once and ignores denials", () => {
    const progress = approvalProgress({ count: 2, seniorRequired: false }, [
      { reviewerId: "a", senior: true, decision: "APPROVE" },
      { reviewerId: "a", senior: true, decision: "APPROVE" },
      { reviewerId: "b", senior: false, decision: "DENY" },
    ]);
    expect(progress).toEqual({ approvals: 1, seniorApprovals: 1, satisfied: false, missing: ["1 more approval"] });
  });

  it("is satisfied with two distinct approvers, one senior", () => {
    const progress = approvalProgress({ count: 2, seniorRequired: true }, [
      { reviewerId: "a", senior: false, decision: "APPROVE" },
      { reviewerId: "b", senior: true, decision: "APPROVE" },
    ]);
    expect(progress).toEqual({ approvals: 2, seniorApprovals: 1, satisfied: true, missing: [] });
  });
});

describe("grant validity", () => {
  it.each([
    { name: "approved, no expiry", g: grant(), valid: true, status: "APPROVED" },
    { name: "approved, expires tomorrow", g: grant({ expiresAt: addDays(NOW, 1) }), valid: true, status: "APPROVED" },
    { name: "approved, expires exactly now", g: grant({ expiresAt: NOW }), valid: false, status: "EXPIRED" },
    { name: "approved, expired yesterday", g: grant({ expiresAt: daysAgo(1) }), valid: false, status: "EXPIRED" },
    { name: "requested", g: grant({ status: "REQUESTED" }), valid: false, status: "REQUESTED" },
    { name: "revoked", g: grant({ status: "REVOKED" }), valid: false, status: "REVOKED" },
    { name: "denied", g: grant({ status: "DENIED" }), valid: false, status: "DENIED" },
    { name: "requested with a past expiry stays requested", g: grant({ status: "REQUESTED", expiresAt: daysAgo(1) }), valid: false, status: "REQUESTED" },
  ] as const)("$name → valid=$valid, effective status $status", ({ g, valid, status }) => {
    expect(isGrantValid(g, NOW)).toBe(valid);
    expect(effectiveGrantStatus(g, NOW)).toBe(status);
  });
});

describe("grantStanding: which grant governs a tool in an environment", () => {
  const older = grant({ id: "old", decidedAt: daysAgo(100), createdAt: daysAgo(101) });
  const newer = grant({ id: "new", decidedAt: daysAgo(5), createdAt: daysAgo(6) });

  it.each([
    { name: "no grants", grants: [], state: "NONE", id: null },
    { name: "only requested and denied", grants: [grant({ id: "r", status: "REQUESTED", decidedAt: null }), grant({ id: "d", status: "DENIED" })], state: "NONE", id: null },
    { name: "one approved", grants: [older], state: "VALID", id: "old" },
    { name: "the latest approved wins", grants: [newer, older], state: "VALID", id: "new" },
    { name: "latest approved has expired although an older one has not", grants: [older, { ...newer, expiresAt: daysAgo(1) }], state: "EXPIRED", id: "new" },
    { name: "a stored EXPIRED status reads like an expired approval", grants: [older, { ...newer, status: "EXPIRED" as const, expiresAt: daysAgo(1) }], state: "EXPIRED", id: "new" },
    { name: "a later denial does not withdraw an approval", grants: [older, { ...newer, status: "DENIED" as const }], state: "VALID", id: "old" },
    { name: "a revocation later than the latest approval withdraws reach", grants: [older, { ...newer, status: "REVOKED" as const }], state: "REVOKED", id: "new" },
    { name: "a revoked grant only", grants: [{ ...older, status: "REVOKED" as const }], state: "REVOKED", id: "old" },
    { name: "an approval after a revocation governs", grants: [{ ...older, status: "REVOKED" as const }, newer], state: "VALID", id: "new" },
    { name: "a revocation at the same instant as the approval wins", grants: [older, { ...older, id: "rev", status: "REVOKED" as const }], state: "REVOKED", id: "rev" },
    { name: "ties on decision time break by creation time", grants: [{ ...newer, id: "first", createdAt: daysAgo(9) }, { ...newer, id: "second", createdAt: daysAgo(7) }], state: "VALID", id: "second" },
    { name: "an approval decided after the moment is ignored", grants: [older, { ...newer, decidedAt: addDays(NOW, 1) }], state: "VALID", id: "old" },
  ])("$name → $state", ({ grants, state, id }) => {
    const standing = grantStanding(grants, NOW);
    expect(standing.state).toBe(state);
    expect(standing.grant?.id ?? null).toBe(id);
  });
});

describe("REVIEWER_ROLES: who decides on grants", () => {
  it("are the roles the permission table lets decide, and evaluateDecision lets exactly those decide", () => {
    expect(REVIEWER_ROLES).toEqual(["SECURITY_REVIEWER", "ADMIN"]);
    for (const role of ROLES) {
      const outcome = evaluateDecision({
        grant: { status: "REQUESTED", requesterId: "lead", expiresAt: null, required: { count: 1, seniorRequired: false } },
        decisions: [],
        reviewer: { id: "r", role, senior: true, active: true },
        decision: "APPROVE",
        now: NOW,
      });
      expect([role, outcome.ok]).toEqual([role, can(role, "grant:decide")]);
    }
  });
});

describe("grantApprovalProgress: the approvals that count on a grant", () => {
  const grantOf = (count: 1 | 2, seniorRequired: boolean) => ({ requesterId: "lead", required: { count, seniorRequired } });
  const approve = (reviewerId: string, senior = false): RecordedDecision => ({ reviewerId, senior, decision: "APPROVE" });

  it("never counts the requester, senior or not", () => {
    expect(grantApprovalProgress(grantOf(1, true), [approve("lead", true)])).toEqual({ approvals: 0, seniorApprovals: 0, satisfied: false, missing: ["1 more approval", "a senior approval"] });
    expect(grantApprovalProgress(grantOf(2, true), [approve("lead", true), approve("r1", true)])).toEqual({ approvals: 1, seniorApprovals: 1, satisfied: false, missing: ["1 more approval"] });
  });

  it("counts a reviewer who decided twice once", () => {
    expect(grantApprovalProgress(grantOf(2, false), [approve("r1"), approve("r1")])).toMatchObject({ approvals: 1, satisfied: false });
  });

  it("is satisfied by distinct reviewers other than the requester, with a senior when required", () => {
    expect(grantApprovalProgress(grantOf(2, true), [approve("r1"), approve("r2", true)])).toEqual({ approvals: 2, seniorApprovals: 1, satisfied: true, missing: [] });
    expect(grantApprovalProgress(grantOf(2, true), [approve("r1"), approve("r2")])).toMatchObject({ satisfied: false, missing: ["a senior approval"] });
  });

  it("ignores denials", () => {
    expect(grantApprovalProgress(grantOf(1, false), [{ reviewerId: "r1", senior: true, decision: "DENY" }])).toMatchObject({ approvals: 0, satisfied: false });
  });

  it("agrees with evaluateDecision on what the recorded decisions add up to", () => {
    const grant = { status: "REQUESTED" as const, expiresAt: null, ...grantOf(2, true) };
    const decisions = [approve("lead", true), approve("r1")];
    const outcome = evaluateDecision({ grant, decisions, reviewer: { id: "r2", role: "SECURITY_REVIEWER", senior: false, active: true }, decision: "DENY", now: NOW });
    const progress = grantApprovalProgress(grant, decisions);
    expect(outcome).toMatchObject({ ok: true, approvals: progress.approvals, seniorApprovals: progress.seniorApprovals });
  });
});

describe("grantStatusNow: a grant's status among the grants for its tool", () => {
  const older = grant({ id: "old", decidedAt: daysAgo(100), createdAt: daysAgo(101) });
  const newer = grant({ id: "new", decidedAt: daysAgo(5), createdAt: daysAgo(6) });
  const status = (g: PolicyGrant, grants: PolicyGrant[], now = NOW) => {
    const current = grantStatusNow(g, grants, now);
    return { ...current, display: displayedGrantStatus(current) };
  };

  it.each([
    { name: "the only grant", g: older, grants: [older], effective: "APPROVED", by: null },
    { name: "the only grant, not passed among the others", g: older, grants: [], effective: "APPROVED", by: null },
    { name: "an older approval once a later one is in force", g: older, grants: [older, newer], effective: "APPROVED", by: "new" },
    { name: "the later approval itself", g: newer, grants: [older, newer], effective: "APPROVED", by: null },
    { name: "an older approval once a later one has expired", g: older, grants: [older, { ...newer, expiresAt: daysAgo(1) }], effective: "APPROVED", by: "new" },
    { name: "an older approval once a later grant is revoked", g: older, grants: [older, { ...newer, status: "REVOKED" as const }], effective: "APPROVED", by: "new" },
    { name: "an older approval beside a later denial", g: older, grants: [older, { ...newer, status: "DENIED" as const }], effective: "APPROVED", by: null },
    { name: "an older approval beside a pending request", g: older, grants: [older, { ...newer, status: "REQUESTED" as const, decidedAt: null }], effective: "APPROVED", by: null },
    { name: "an older approval beside a later one in another environment", g: older, grants: [older, { ...newer, environment: "staging" }], effective: "APPROVED", by: null },
    { name: "an older approval beside a later one of another tool", g: older, grants: [older, { ...newer, toolSlug: "other" }], effective: "APPROVED", by: null },
    { name: "an older approval beside one decided after the moment", g: older, grants: [older, { ...newer, decidedAt: addDays(NOW, 1) }], effective: "APPROVED", by: null },
    { name: "an expired grant is expired, not superseded", g: { ...older, expiresAt: daysAgo(1) }, grants: [newer], effective: "EXPIRED", by: null },
    { name: "a revoked grant is revoked, not superseded", g: { ...older, status: "REVOKED" as const }, grants: [newer], effective: "REVOKED", by: null },
    { name: "a pending request stays requested", g: grant({ id: "req", status: "REQUESTED", decidedAt: null, createdAt: daysAgo(200) }), grants: [newer], effective: "REQUESTED", by: null },
  ])("$name → $effective, superseded by $by", ({ g, grants, effective, by }) => {
    expect(status(g, grants)).toEqual({ effectiveStatus: effective, supersededBy: by, display: by ? "SUPERSEDED" : effective });
  });

  it("expires at the exact instant of its expiry, and is then no longer superseded", () => {
    const expiring = { ...older, expiresAt: NOW };
    expect(status(expiring, [expiring, newer], new Date(NOW.getTime() - 1))).toEqual({ effectiveStatus: "APPROVED", supersededBy: "new", display: "SUPERSEDED" });
    expect(status(expiring, [expiring, newer], NOW)).toEqual({ effectiveStatus: "EXPIRED", supersededBy: null, display: "EXPIRED" });
  });

  it("agrees with grantStanding on which grant governs the pair", () => {
    const grants = [older, newer, grant({ id: "mid", decidedAt: daysAgo(50), createdAt: daysAgo(51) })];
    const governing = grantStanding(grants, NOW).grant?.id;
    expect(grants.filter((g) => grantStatusNow(g, grants, NOW).supersededBy === null).map((g) => g.id)).toEqual([governing]);
    expect(grants.map((g) => grantStatusNow(g, grants, NOW).supersededBy)).toEqual([governing, null, governing]);
  });
});
