import { describe, expect, it } from "vitest";
import { can, ROLES } from "@/lib/auth/permissions";
import { evaluateProposalDecision, POLICY_REVIEWER_ROLES, type ProposalDecisionInput } from "./policy-proposal";

const senior = { id: "senior", role: "SECURITY_REVIEWER", senior: true, active: true };
const input = (change: Partial<ProposalDecisionInput["decider"]> = {}, proposal: Partial<ProposalDecisionInput["proposal"]> = {}): ProposalDecisionInput => ({
  proposal: { status: "PENDING", proposedById: "proposer", ...proposal },
  decider: { ...senior, ...change },
});
const code = (i: ProposalDecisionInput) => {
  const verdict = evaluateProposalDecision(i);
  return verdict.ok ? "OK" : verdict.error.code;
};

describe("evaluateProposalDecision", () => {
  it("lets an active senior reviewer or admin who did not propose it decide", () => {
    expect(code(input())).toBe("OK");
    expect(code(input({ role: "ADMIN" }))).toBe("OK");
  });

  it.each([
    ["a junior reviewer", input({ senior: false }), "SENIOR_REQUIRED"],
    ["the proposer, even senior", input({ id: "proposer" }), "SELF_APPROVAL"],
    ["a junior proposer (who it is, before seniority)", input({ id: "proposer", senior: false }), "SELF_APPROVAL"],
    ["a deactivated senior", input({ active: false }), "NOT_REVIEWER"],
    ["a senior platform lead", input({ role: "PLATFORM_LEAD" }), "NOT_REVIEWER"],
    ["anyone, once approved", input({}, { status: "APPROVED" }), "PROPOSAL_NOT_PENDING"],
    ["anyone, once rejected", input({}, { status: "REJECTED" }), "PROPOSAL_NOT_PENDING"],
    ["anyone, once superseded", input({}, { status: "SUPERSEDED" }), "PROPOSAL_NOT_PENDING"],
  ])("refuses %s", (_who, i, expected) => {
    expect(code(i)).toBe(expected);
  });
});

describe("POLICY_REVIEWER_ROLES: who decides on a proposed change", () => {
  it("are the roles the permission table lets edit the policy, and only they may decide", () => {
    expect(POLICY_REVIEWER_ROLES).toEqual(["SECURITY_REVIEWER", "ADMIN"]);
    for (const role of ROLES) expect([role, code(input({ role }))]).toEqual([role, can(role, "policy:edit") ? "OK" : "NOT_REVIEWER"]);
  });
});
