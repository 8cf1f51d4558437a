import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/lib/policy/policy";
import { policySchema, policyUpdateSchema } from "./policy.validation";

const issues = (input: unknown) => {
  const result = policyUpdateSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
};

describe("policySchema", () => {
  it("accepts DESIGN.md's defaults unchanged", () => {
    expect(policySchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it.each([
    [{ ceiling: { ...DEFAULT_POLICY.ceiling, windowDays: 0 } }, "policy.ceiling.windowDays", "Ceiling window: at least 1 day."],
    [{ ceiling: { ...DEFAULT_POLICY.ceiling, windowDays: 3651 } }, "policy.ceiling.windowDays", "Ceiling window: at most 3650 days."],
    [{ ceiling: { ...DEFAULT_POLICY.ceiling, roles: [] } }, "policy.ceiling.roles", "Choose at least one incident role that counts."],
    [{ findings: { ...DEFAULT_POLICY.findings, staleObservationDays: 1.5 } }, "policy.findings.staleObservationDays", "Stale observation: a whole number of days."],
    [{ changes: { ...DEFAULT_POLICY.changes, rollbackPlanFromTier: "MOON" } }, "policy.changes.rollbackPlanFromTier", expect.stringMatching(/^Choose a tier/)],
    [{ approvals: { base: { count: 3, seniorRequired: false }, rows: [] } }, "policy.approvals.base.count", "Approvals: 1 or 2."],
    [{ highImpactClasses: [] }, "policy.highImpactClasses", "Name at least one high-impact capability class."],
  ])("refuses %j, naming the field", (change, field, message) => {
    expect(issues({ policy: { ...DEFAULT_POLICY, ...change }, note: "testing the schema" })).toEqual([{ field, message }]);
  });

  it("refuses a matrix condition with no test, which would match every grant", () => {
    const rows = [{ count: 2, seniorRequired: true, when: [{}] }];
    expect(issues({ policy: { ...DEFAULT_POLICY, approvals: { ...DEFAULT_POLICY.approvals, rows } }, note: "testing the schema" })).toEqual([
      { field: "policy.approvals.rows.0.when.0", message: "A condition needs at least one test (an empty one would match every grant)." },
    ]);
  });

  it("refuses unknown keys rather than ignoring them", () => {
    expect(issues({ policy: { ...DEFAULT_POLICY, ceilings: {} }, note: "testing the schema" })[0].field).toBe("policy");
  });

  it("asks why the policy changes", () => {
    expect(issues({ policy: DEFAULT_POLICY, note: "  " })).toEqual([{ field: "note", message: "Say why the policy changes (5 characters or more)." }]);
  });
});
