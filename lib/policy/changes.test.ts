import { describe, expect, it } from "vitest";
import { changeViolations, type ChangeContext, type ChangeInput } from "./changes";
import { daysAgo, environment, grant, incidentLink, NOW } from "./test-fixtures";
import { addDays } from "./time";

const senior = { id: "s1", senior: true };
const peer = { id: "p1", senior: false };

/** A compliant AI-generated production change by kiro-agent, to be broken one way at a time. */
const change = (overrides: Partial<ChangeInput> = {}): ChangeInput => ({
  environment: environment(),
  changeType: "CODE",
  aiOrigin: "AI_GENERATED",
  toolSlug: "kiro-agent",
  mode: "AGENT",
  approvers: [senior],
  rollbackPlan: null,
  deployedAt: NOW,
  ...overrides,
});
const context = (overrides: Partial<ChangeContext> = {}): ChangeContext => ({ grants: [grant()], incidentLinks: [], ...overrides });
const codes = (c: ChangeInput, ctx: ChangeContext = context()) => changeViolations(c, ctx).map((v) => v.code);

describe("changeViolations", () => {
  it("a compliant change has no violations", () => {
    expect(codes(change())).toEqual([]);
  });

  describe("AI_CHANGE_WITHOUT_SENIOR_APPROVER", () => {
    it.each([
      { name: "AI_GENERATED in production, non-senior approver", c: change({ approvers: [peer] }), raised: true },
      { name: "AI_ASSISTED in production, no approver", c: change({ aiOrigin: "AI_ASSISTED", approvers: [] }), raised: true },
      { name: "AI_GENERATED on the control plane, two non-seniors", c: change({ environment: environment({ tier: "CONTROL_PLANE" }), approvers: [peer, { id: "p2", senior: false }], rollbackPlan: "revert" }), raised: true },
      { name: "AI_GENERATED in production with a senior approver", c: change({ approvers: [peer, senior] }), raised: false },
      { name: "HUMAN change in production without a senior", c: change({ aiOrigin: "HUMAN", approvers: [peer] }), raised: false },
      { name: "AI_GENERATED in pre-production without a senior", c: change({ environment: environment({ tier: "PRE_PRODUCTION" }), approvers: [peer] }), raised: false },
    ])("$name → raised=$raised", ({ c, raised }) => {
      expect(codes(c).includes("AI_CHANGE_WITHOUT_SENIOR_APPROVER")).toBe(raised);
    });
  });

  describe("HIGH_IMPACT_CHANGE_WITHOUT_TWO_APPROVERS", () => {
    it.each([
      { name: "SCHEMA in production, one approver", c: change({ changeType: "SCHEMA" }), raised: true },
      { name: "INFRA in production, one approver", c: change({ changeType: "INFRA" }), raised: true },
      { name: "INFRA in production, the same approver twice", c: change({ changeType: "INFRA", approvers: [senior, senior] }), raised: true },
      { name: "SCHEMA in production, two distinct approvers", c: change({ changeType: "SCHEMA", approvers: [senior, peer] }), raised: false },
      { name: "CONFIG in production, one approver", c: change({ changeType: "CONFIG" }), raised: false },
      { name: "SCHEMA in pre-production, one approver", c: change({ changeType: "SCHEMA", environment: environment({ tier: "PRE_PRODUCTION" }) }), raised: false },
    ])("$name → raised=$raised", ({ c, raised }) => {
      expect(codes(c).includes("HIGH_IMPACT_CHANGE_WITHOUT_TWO_APPROVERS")).toBe(raised);
    });
  });

  describe("NO_ROLLBACK_PLAN", () => {
    it.each([
      { name: "shared platform, no plan", c: change({ environment: environment({ tier: "SHARED_PLATFORM" }) }), raised: true },
      { name: "control plane, blank plan", c: change({ environment: environment({ tier: "CONTROL_PLANE" }), rollbackPlan: "   " }), raised: true },
      { name: "shared platform with a plan", c: change({ environment: environment({ tier: "SHARED_PLATFORM" }), rollbackPlan: "helm rollback" }), raised: false },
      { name: "production, no plan", c: change(), raised: false },
    ])("$name → raised=$raised", ({ c, raised }) => {
      expect(codes(c).includes("NO_ROLLBACK_PLAN")).toBe(raised);
    });
  });

  describe("NO_APPROVED_GRANT (judged at deployedAt)", () => {
    it.each([
      { name: "no grant at all", ctx: context({ grants: [] }), raised: true },
      { name: "only a requested grant", ctx: context({ grants: [grant({ status: "REQUESTED", decidedAt: null })] }), raised: true },
      { name: "a revoked grant", ctx: context({ grants: [grant({ status: "REVOKED" })] }), raised: true },
      { name: "a grant for another environment", ctx: context({ grants: [grant({ environment: "sbx" })] }), raised: true },
      { name: "a grant expired before the deploy", ctx: context({ grants: [grant({ expiresAt: daysAgo(1) })] }), raised: true },
      { name: "a grant approved only after the deploy", ctx: context({ grants: [grant({ decidedAt: addDays(NOW, 1) })] }), raised: true },
      { name: "a valid grant", ctx: context(), raised: false },
      { name: "a grant that expired after the deploy (valid at the time)", ctx: context({ grants: [grant({ expiresAt: addDays(NOW, 1) })] }), raised: false },
    ])("$name → raised=$raised", ({ ctx, raised }) => {
      expect(codes(change(), ctx).includes("NO_APPROVED_GRANT")).toBe(raised);
    });

    it("judges a backfilled change at its deploy time, not now", () => {
      const ctx = context({ grants: [grant({ decidedAt: daysAgo(40), expiresAt: daysAgo(20) })] });
      expect(codes(change({ deployedAt: daysAgo(30) }), ctx)).toEqual([]);
      expect(codes(change({ deployedAt: daysAgo(10) }), ctx)).toEqual(["NO_APPROVED_GRANT"]);
    });

    it("applies to any change naming a tool, whatever its recorded origin", () => {
      expect(codes(change({ aiOrigin: "HUMAN" }), context({ grants: [] }))).toEqual(["NO_APPROVED_GRANT"]);
    });

    it("does not apply to a change without a tool, and explains which grant was missing", () => {
      expect(codes(change({ toolSlug: null, mode: null }), context({ grants: [] }))).toEqual([]);
      expect(changeViolations(change(), context({ grants: [grant({ status: "REVOKED" })] }))[0].message).toBe(
        "kiro-agent had only a revoked grant in prod-us-east when the change was deployed (2025-06-01T12:00:00.000Z)",
      );
    });

    it("reports a missing grant once, not also the mode", () => {
      expect(codes(change({ mode: "AUTONOMOUS" }), context({ grants: [] }))).toEqual(["NO_APPROVED_GRANT"]);
    });
  });

  describe("MODE_EXCEEDS_ALLOWED_AUTONOMY (min of grant and ceiling at deployedAt)", () => {
    const fullGrant = grant({ maxAutonomy: "AUTONOMOUS" });
    it.each([
      { name: "AUTONOMOUS under an AGENT grant", c: change({ mode: "AUTONOMOUS" }), ctx: context(), raised: true },
      { name: "AGENT under an AUTONOMOUS grant after a SEV1", c: change(), ctx: context({ grants: [fullGrant], incidentLinks: [incidentLink({ startedAt: daysAgo(5) })] }), raised: true },
      { name: "AGENT under an AGENT grant", c: change(), ctx: context(), raised: false },
      { name: "no mode recorded", c: change({ mode: null }), ctx: context(), raised: false },
      { name: "SEV1 started after the deploy", c: change({ deployedAt: daysAgo(10) }), ctx: context({ grants: [grant({ maxAutonomy: "AUTONOMOUS", decidedAt: daysAgo(50) })], incidentLinks: [incidentLink({ startedAt: daysAgo(5) })] }), raised: false },
      { name: "SEV1 more than 90 days before the deploy", c: change(), ctx: context({ grants: [fullGrant], incidentLinks: [incidentLink({ startedAt: daysAgo(90) })] }), raised: false },
      { name: "AGENT after a SEV1 in pre-production (no ceiling)", c: change({ environment: environment({ tier: "PRE_PRODUCTION" }) }), ctx: context({ grants: [fullGrant], incidentLinks: [incidentLink()] }), raised: false },
    ])("$name → raised=$raised", ({ c, ctx, raised }) => {
      expect(codes(c, ctx).includes("MODE_EXCEEDS_ALLOWED_AUTONOMY")).toBe(raised);
    });

    it("names the ceiling when it is what binds", () => {
      const ctx = context({ grants: [fullGrant], incidentLinks: [incidentLink({ incidentKey: "INC-7", startedAt: new Date("2025-05-30T00:00:00Z") })] });
      expect(changeViolations(change(), ctx)).toEqual([
        {
          code: "MODE_EXCEEDS_ALLOWED_AUTONOMY",
          message:
            "kiro-agent acted in AGENT mode in prod-us-east but was allowed at most SUGGEST when the change was deployed " +
            "(capped at SUGGEST until 2025-08-28 because it triggered SEV1 incident INC-7 on 2025-05-30)",
        },
      ]);
    });
  });

  it("reports every violation of a change that breaks several rules, in DESIGN order", () => {
    const c = change({ environment: environment({ tier: "CONTROL_PLANE" }), changeType: "SCHEMA", approvers: [peer], mode: "AUTONOMOUS" });
    expect(codes(c)).toEqual([
      "AI_CHANGE_WITHOUT_SENIOR_APPROVER",
      "HIGH_IMPACT_CHANGE_WITHOUT_TWO_APPROVERS",
      "NO_ROLLBACK_PLAN",
      "MODE_EXCEEDS_ALLOWED_AUTONOMY",
    ]);
  });
});
