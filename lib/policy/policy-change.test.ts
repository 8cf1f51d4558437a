import { describe, expect, it } from "vitest";
import { comparePolicies, loosensAny, type PolicyDifference } from "./policy-change";
import { DEFAULT_POLICY, type Policy } from "./policy";

const edit = (change: (policy: Policy) => void): Policy => {
  const policy = structuredClone(DEFAULT_POLICY);
  change(policy);
  return policy;
};
const from = (change: (policy: Policy) => void) => comparePolicies(DEFAULT_POLICY, edit(change));
const summary = (differences: PolicyDifference[]) => differences.map(({ path, loosens }) => ({ path, loosens }));

describe("comparePolicies: no change", () => {
  it("finds nothing between equal policies, and nothing loosens", () => {
    expect(comparePolicies(DEFAULT_POLICY, structuredClone(DEFAULT_POLICY))).toEqual([]);
    expect(loosensAny([])).toBe(false);
  });

  it("ignores the order of lists, of matrix rows, of a row's conditions and of the values inside one", () => {
    const reordered = edit((p) => {
      p.highImpactClasses.reverse();
      p.ceiling.roles.reverse();
      p.changes.twoApproverChangeTypes.reverse();
      p.approvals.rows.reverse();
      for (const row of p.approvals.rows) row.when.reverse();
      p.approvals.rows[1].when[0].capabilityClassIn?.reverse();
    });
    expect(comparePolicies(DEFAULT_POLICY, reordered)).toEqual([]);
  });
});

describe("comparePolicies: every dimension, both directions", () => {
  // [what, the edit, path, loosens]
  const cases: [string, (p: Policy) => void, string, boolean][] = [
    ["a high-impact class removed", (p) => (p.highImpactClasses = ["DESTRUCTIVE", "SCHEMA", "INFRA"]), "highImpactClasses", true],
    ["a high-impact class added", (p) => p.highImpactClasses.push("DEPLOY"), "highImpactClasses", false],
    ["a high-impact class swapped for another", (p) => (p.highImpactClasses = ["DESTRUCTIVE", "SCHEMA", "INFRA", "DEPLOY"]), "highImpactClasses", true],

    ["base count raised", (p) => (p.approvals.base.count = 2), "approvals.base.count", false],
    ["base senior required", (p) => (p.approvals.base.seniorRequired = true), "approvals.base.seniorRequired", false],
    ["a row's count lowered", (p) => (p.approvals.rows[1].count = 1), "approvals.rows.1.count", true],
    ["a row's count raised", (p) => (p.approvals.rows[0].count = 2), "approvals.rows.0.count", false],
    ["a row's senior requirement dropped", (p) => (p.approvals.rows[0].seniorRequired = false), "approvals.rows.0.seniorRequired", true],
    ["a row removed", (p) => p.approvals.rows.splice(1, 1), "approvals.rows.1", true],
    ["a row's conditions changed", (p) => (p.approvals.rows[1].when[0] = { tierAtLeast: "CONTROL_PLANE" }), "approvals.rows.1", true],
    ["a row's conditions narrowed by one trigger fewer", (p) => p.approvals.rows[0].when.pop(), "approvals.rows.0", true],
    ["a row added", (p) => p.approvals.rows.push({ count: 2, seniorRequired: true, when: [{ dataSensitivityIn: ["PII"] }] }), "approvals.rows.2", false],

    ["ceiling window shorter", (p) => (p.ceiling.windowDays = 30), "ceiling.windowDays", true],
    ["ceiling window longer", (p) => (p.ceiling.windowDays = 180), "ceiling.windowDays", false],
    ["ceiling from a higher tier", (p) => (p.ceiling.fromTier = "SHARED_PLATFORM"), "ceiling.fromTier", true],
    ["ceiling from a lower tier", (p) => (p.ceiling.fromTier = "PRE_PRODUCTION"), "ceiling.fromTier", false],
    ["an incident role removed", (p) => (p.ceiling.roles = ["TRIGGERED"]), "ceiling.roles", true],
    ["an incident role added", (p) => p.ceiling.roles.push("INVOLVED"), "ceiling.roles", false],
    ["a cap raised", (p) => (p.ceiling.caps.SEV1 = "AGENT"), "ceiling.caps.SEV1", true],
    ["a cap removed", (p) => delete p.ceiling.caps.SEV2, "ceiling.caps.SEV2", true],
    ["a cap lowered", (p) => (p.ceiling.caps.SEV2 = "SUGGEST"), "ceiling.caps.SEV2", false],
    ["a cap added", (p) => (p.ceiling.caps.SEV3 = "AUTONOMOUS"), "ceiling.caps.SEV3", false],

    ["stale observation later", (p) => (p.findings.staleObservationDays = 60), "findings.staleObservationDays", true],
    ["stale observation sooner", (p) => (p.findings.staleObservationDays = 7), "findings.staleObservationDays", false],
    ["unused grant later", (p) => (p.findings.unusedGrantDays = 90), "findings.unusedGrantDays", true],
    ["unused grant sooner", (p) => (p.findings.unusedGrantDays = 14), "findings.unusedGrantDays", false],
    ["two-person rule from a higher tier", (p) => (p.findings.twoPersonFromTier = "CONTROL_PLANE"), "findings.twoPersonFromTier", true],
    ["two-person rule from a lower tier", (p) => (p.findings.twoPersonFromTier = "SANDBOX"), "findings.twoPersonFromTier", false],

    ["senior approver for AI changes from a higher tier", (p) => (p.changes.aiChangeSeniorApproverFromTier = "CONTROL_PLANE"), "changes.aiChangeSeniorApproverFromTier", true],
    ["senior approver for AI changes from a lower tier", (p) => (p.changes.aiChangeSeniorApproverFromTier = "PRE_PRODUCTION"), "changes.aiChangeSeniorApproverFromTier", false],
    ["two approvers from a higher tier", (p) => (p.changes.twoApproversFromTier = "SHARED_PLATFORM"), "changes.twoApproversFromTier", true],
    ["two approvers from a lower tier", (p) => (p.changes.twoApproversFromTier = "SANDBOX"), "changes.twoApproversFromTier", false],
    ["rollback plan from a higher tier", (p) => (p.changes.rollbackPlanFromTier = "CONTROL_PLANE"), "changes.rollbackPlanFromTier", true],
    ["rollback plan from a lower tier", (p) => (p.changes.rollbackPlanFromTier = "PRODUCTION"), "changes.rollbackPlanFromTier", false],
    ["a two-approver change type removed", (p) => (p.changes.twoApproverChangeTypes = ["SCHEMA"]), "changes.twoApproverChangeTypes", true],
    ["a two-approver change type added", (p) => p.changes.twoApproverChangeTypes.push("CONFIG"), "changes.twoApproverChangeTypes", false],
  ];

  it.each(cases)("%s: %s", (_what, change, path, loosens) => {
    const differences = from(change);
    expect(summary(differences)).toEqual([{ path, loosens }]);
    expect(loosensAny(differences)).toBe(loosens);
  });

  it("lowers the base count only from a stricter base", () => {
    const strict = edit((p) => (p.approvals.base = { count: 2, seniorRequired: true }));
    expect(summary(comparePolicies(strict, DEFAULT_POLICY))).toEqual([
      { path: "approvals.base.count", loosens: true },
      { path: "approvals.base.seniorRequired", loosens: true },
    ]);
    expect(summary(comparePolicies(DEFAULT_POLICY, strict))).toEqual([
      { path: "approvals.base.count", loosens: false },
      { path: "approvals.base.seniorRequired", loosens: false },
    ]);
  });

  it("loosens when an empty matrix replaces the two-person rule (the attack)", () => {
    const differences = from((p) => (p.approvals.rows = []));
    expect(summary(differences)).toEqual([
      { path: "approvals.rows.0", loosens: true },
      { path: "approvals.rows.1", loosens: true },
    ]);
    expect(differences[1].message).toMatch(/^Approval row: ".*" \(2 reviewers, senior\) removed \(loosens: /);
  });

  it("says what changed in plain words", () => {
    expect(from((p) => (p.ceiling.windowDays = 30))[0].message).toBe("Ceiling window: 90 → 30 days (loosens: incidents count for a shorter time)");
    expect(from((p) => delete p.ceiling.caps.SEV2)[0].message).toBe("Cap after a SEV2: AGENT → no cap (loosens: a SEV2 leaves a tool more autonomy)");
    expect(from((p) => (p.ceiling.roles = ["TRIGGERED"]))[0].message).toBe("Incident roles that count: removed CONTRIBUTED (loosens: CONTRIBUTED no longer counted)");
    expect(from((p) => (p.findings.twoPersonFromTier = "CONTROL_PLANE"))[0]).toMatchObject({
      before: "PRODUCTION",
      after: "CONTROL_PLANE",
      message: "Two-person rule from tier: PRODUCTION → CONTROL_PLANE (loosens: no longer applies at PRODUCTION)",
    });
    expect(from((p) => (p.approvals.rows[0].seniorRequired = false))[0].message).toMatch(
      /^Approval row "tier ≥ PRODUCTION; or .*": senior reviewer required → not required \(loosens: no senior needs to approve\)$/,
    );
  });

  it("marks each difference of a mixed edit, and the edit loosens if any one does", () => {
    const differences = from((p) => {
      p.ceiling.windowDays = 180;
      p.findings.unusedGrantDays = 60;
    });
    expect(summary(differences)).toEqual([
      { path: "ceiling.windowDays", loosens: false },
      { path: "findings.unusedGrantDays", loosens: true },
    ]);
    expect(loosensAny(differences)).toBe(true);
  });

  it("matches a moved row by its conditions, so only its own change shows", () => {
    const differences = from((p) => {
      const [first, second] = p.approvals.rows;
      p.approvals.rows = [{ ...second, count: 1 }, first];
    });
    expect(summary(differences)).toEqual([{ path: "approvals.rows.0.count", loosens: true }]);
  });
});
