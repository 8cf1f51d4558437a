import { describe, expect, it } from "vitest";
import { certificationProblem, isReviewDue, reviewDueAt, reviewOverdueAt } from "./access-reviews";
import { grantNotRecertified, nextTransitionAt, pairFacts } from "./findings";
import { DEFAULT_POLICY } from "./policy";
import { daysAgo, environment, grant, NOW, snapshot } from "./test-fixtures";
import { addDays, DAY_MS } from "./time";
import type { PolicyGrant, RegisterSnapshot, Tier } from "./types";

const judge = (parts: Partial<RegisterSnapshot>, at = NOW) => {
  const [pair] = pairFacts(snapshot(parts), at);
  return grantNotRecertified(pair);
};

/** A production grant (period 90 days, grace 14) approved so that its review fell due `daysAfterDue` days before NOW. */
const dueDaysAgo = (daysAfterDue: number, overrides: Partial<PolicyGrant> = {}) => grant({ decidedAt: daysAgo(90 + daysAfterDue), ...overrides });

describe("when a grant is due for review", () => {
  it.each<[Tier, number]>([
    ["SANDBOX", 180],
    ["PRE_PRODUCTION", 180],
    ["PRODUCTION", 90],
    ["SHARED_PLATFORM", 90],
    ["CONTROL_PLANE", 90],
  ])("at %s: %i days after it was approved", (tier, days) => {
    const approved = grant({ decidedAt: daysAgo(days) });
    expect(reviewDueAt(approved, tier, DEFAULT_POLICY)).toEqual(NOW);
    expect(isReviewDue(approved, tier, DEFAULT_POLICY, NOW)).toBe(true);
    expect(isReviewDue(approved, tier, DEFAULT_POLICY, new Date(NOW.getTime() - 1))).toBe(false);
  });

  it("counts from the latest certification once there is one, and the policy's periods", () => {
    const certified = grant({ decidedAt: daysAgo(400), lastCertifiedAt: daysAgo(10) });
    expect(reviewDueAt(certified, "PRODUCTION", DEFAULT_POLICY)).toEqual(addDays(NOW, 80));
    const monthly = { reviews: { ...DEFAULT_POLICY.reviews, periodDays: { ...DEFAULT_POLICY.reviews.periodDays, PRODUCTION: 30 } } };
    expect(reviewOverdueAt(certified, "PRODUCTION", monthly)).toEqual(addDays(NOW, 34));
  });
});

describe("GRANT_NOT_RECERTIFIED", () => {
  it.each([
    [13, false],
    [14, true],
    [15, true],
  ])("day %i after the review fell due → raised=%s", (days, raised) => {
    expect(judge({ grants: [dueDaysAgo(days)] })?.rule ?? null).toBe(raised ? "GRANT_NOT_RECERTIFIED" : null);
  });

  it("is raised on the instant the grace runs out, and since then", () => {
    const due = dueDaysAgo(14);
    expect(judge({ grants: [due] }, new Date(NOW.getTime() - 1))).toBeNull();
    expect(judge({ grants: [due] })?.since).toEqual(NOW);
  });

  it("explains, with a severity by tier and what the grant permits", () => {
    const found = judge({ grants: [dueDaysAgo(20, { capabilities: ["repo:read", "infra:apply"] })] });
    expect(found).toMatchObject({ severity: "HIGH", since: daysAgo(6) });
    expect(found?.explanation).toBe(
      `kiro-agent's grant in prod-us-east (up to AGENT) was approved on ${daysAgo(110).toISOString().slice(0, 10)} and never certified; its review (every 90 days at PRODUCTION) was due on ${daysAgo(20).toISOString().slice(0, 10)} and is 14 or more days late: certify or revoke it`,
    );
    expect(judge({ environments: [environment({ tier: "SANDBOX" })], grants: [grant({ decidedAt: daysAgo(200), capabilities: ["repo:read"] })] })?.severity).toBe("LOW");
  });

  it("is cleared by a certification, and needs a valid grant", () => {
    expect(judge({ grants: [dueDaysAgo(30, { lastCertifiedAt: daysAgo(1) })] })).toBeNull();
    expect(judge({ grants: [dueDaysAgo(30, { expiresAt: daysAgo(1) })] })).toBeNull();
    expect(judge({ grants: [dueDaysAgo(30, { status: "REVOKED" })] })).toBeNull();
  });

  it("has its moment among the pair's next transitions", () => {
    const [pair] = pairFacts(snapshot({ grants: [dueDaysAgo(5)] }), NOW);
    const next = nextTransitionAt(pair, []);
    expect(next).toEqual(new Date(NOW.getTime() + 9 * DAY_MS));
  });
});

describe("who may certify", () => {
  const reviewer = { id: "u-reviewer" };
  const approved = { status: "APPROVED" as const, requesterId: "u-lead", expiresAt: null };
  it("anyone allowed to review but the requester, an approved grant that has not expired", () => {
    expect(certificationProblem(approved, reviewer, NOW)).toBeNull();
    expect(certificationProblem(approved, { id: "u-lead" }, NOW)).toEqual({ code: "SELF_APPROVAL", message: expect.stringContaining("requester of a grant may not certify it") });
    expect(certificationProblem({ ...approved, status: "REVOKED" }, reviewer, NOW)).toEqual({ code: "GRANT_NOT_APPROVED", message: expect.stringContaining("only an approved grant") });
    expect(certificationProblem({ ...approved, expiresAt: NOW }, reviewer, NOW)).toEqual({ code: "GRANT_NOT_APPROVED", message: expect.stringContaining("expired") });
    // Refused as not in force even when the reviewer is its requester: the grant's state comes first.
    expect(certificationProblem({ ...approved, status: "REVOKED" }, { id: "u-lead" }, NOW)?.code).toBe("GRANT_NOT_APPROVED");
  });
});
