import { describe, expect, it } from "vitest";
import { capabilitiesNamed, confirmationProblem, exceptionState, expiryProblem, isWorse, needsSecondReviewer, type AcceptedFinding, type ExceptionTerms } from "./exceptions";
import { addDays } from "./time";

const OPENED = new Date("2026-11-01T08:00:00Z");
const NOW = new Date("2026-12-01T12:00:00Z");
const EXPLANATION = "kiro-agent holds env:delete in prod-us-east beyond its grant";

const finding = (over: Partial<AcceptedFinding> = {}): AcceptedFinding => ({ severity: "HIGH", explanation: EXPLANATION, openedAt: OPENED, resolvedAt: null, ...over });
const terms = (over: Partial<ExceptionTerms> = {}): ExceptionTerms => ({
  expiresAt: addDays(NOW, 30),
  needsConfirmation: false,
  confirmedAt: null,
  acceptedSeverity: "HIGH",
  acceptedExplanation: EXPLANATION,
  acceptedOpenedAt: OPENED,
  ...over,
});

describe("exceptionState", () => {
  it("is in force until its expiry, and at the expiry itself the finding is back", () => {
    const expiresAt = addDays(NOW, 30);
    expect(exceptionState(terms({ expiresAt }), finding(), new Date(expiresAt.getTime() - 1))).toBe("IN_FORCE");
    expect(exceptionState(terms({ expiresAt }), finding(), expiresAt)).toBe("EXPIRED");
    expect(exceptionState(terms({ expiresAt }), finding(), addDays(expiresAt, 1))).toBe("EXPIRED");
  });

  it("stops holding when the finding gets worse: a higher severity, or a capability it did not name", () => {
    expect(exceptionState(terms(), finding({ severity: "CRITICAL" }), NOW)).toBe("WORSENED");
    expect(exceptionState(terms(), finding({ explanation: "kiro-agent holds env:delete, iam:admin in prod-us-east beyond its grant" }), NOW)).toBe("WORSENED");
    // Better is still accepted: a lower severity, fewer capabilities, other words.
    expect(exceptionState(terms(), finding({ severity: "MEDIUM" }), NOW)).toBe("IN_FORCE");
    expect(exceptionState(terms({ acceptedExplanation: "holds env:delete, iam:admin" }), finding(), NOW)).toBe("IN_FORCE");
    expect(exceptionState(terms(), finding({ explanation: "kiro-agent still holds env:delete in prod-us-east" }), NOW)).toBe("IN_FORCE");
  });

  it("covers the episode it accepted: a resolved finding, or one that opened again, needs a new decision", () => {
    expect(exceptionState(terms(), finding({ resolvedAt: NOW }), NOW)).toBe("FINDING_RESOLVED");
    expect(exceptionState(terms(), finding({ openedAt: addDays(OPENED, 20) }), NOW)).toBe("FINDING_RESOLVED");
  });

  it("awaits its confirmation when it needs one, and expiry or worsening still come first", () => {
    expect(exceptionState(terms({ needsConfirmation: true }), finding(), NOW)).toBe("AWAITING_CONFIRMATION");
    expect(exceptionState(terms({ needsConfirmation: true, confirmedAt: NOW }), finding(), NOW)).toBe("IN_FORCE");
    expect(exceptionState(terms({ needsConfirmation: true, expiresAt: NOW }), finding(), NOW)).toBe("EXPIRED");
  });
});

describe("the terms of an exception", () => {
  it("names capability keys once, sorted, and nothing else", () => {
    expect(capabilitiesNamed("uses deploy:run, env:delete and deploy:run; 10:30 is no key")).toEqual(["deploy:run", "env:delete"]);
    expect(isWorse({ severity: "LOW", explanation: "" }, { acceptedSeverity: "LOW", acceptedExplanation: "" })).toBe(false);
  });

  it("accepts an expiry in the future within the policy's limit, boundaries included", () => {
    expect(expiryProblem(addDays(NOW, 90), NOW, 90)).toBeNull();
    expect(expiryProblem(new Date(addDays(NOW, 90).getTime() + 1), NOW, 90)).toBe("must be within 90 days (the policy's limit), by 2027-03-01");
    expect(expiryProblem(NOW, NOW, 90)).toBe("must be in the future");
    expect(expiryProblem(new Date(NOW.getTime() + 1), NOW, 90)).toBeNull();
  });

  it("asks a second reviewer for CRITICAL findings only", () => {
    expect(needsSecondReviewer("CRITICAL")).toBe(true);
    for (const severity of ["LOW", "MEDIUM", "HIGH"] as const) expect(needsSecondReviewer(severity)).toBe(false);
  });

  it("is confirmed by a senior who did not propose it, once", () => {
    const proposed = { proposedById: "u1", needsConfirmation: true, confirmedAt: null };
    expect(confirmationProblem(proposed, { id: "u1", senior: true })).toEqual({ code: "SELF_APPROVAL", message: "the proposer of an exception may not confirm it; a second reviewer must" });
    expect(confirmationProblem(proposed, { id: "u2", senior: false })).toEqual({ code: "SENIOR_REQUIRED", message: "a CRITICAL finding's exception is confirmed by a senior reviewer" });
    expect(confirmationProblem(proposed, { id: "u2", senior: true })).toBeNull();
    expect(confirmationProblem({ ...proposed, confirmedAt: NOW }, { id: "u2", senior: true })).toEqual({ code: "CONFLICT", message: "this exception is confirmed already" });
    expect(confirmationProblem({ ...proposed, needsConfirmation: false }, { id: "u2", senior: true })).toEqual({ code: "CONFLICT", message: "this exception needs no confirmation" });
  });
});
