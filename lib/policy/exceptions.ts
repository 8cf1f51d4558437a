// Risk acceptance: when a reviewer's "known, accepted until …" on a finding holds. Pure, so the
// counts, the pages, the API and the tests share one answer. Time never writes anything here: an
// exception that expires, or whose finding got worse, simply stops holding, and the finding is back.
import { DAY_MS, formatDay } from "./time";
import { severityRank, type Severity } from "./types";

/** The finding as it stands, of the fields acceptance looks at. */
export interface AcceptedFinding {
  severity: Severity;
  explanation: string;
  /** When its current (or last) episode opened. */
  openedAt: Date;
  /** Null while open. */
  resolvedAt: Date | null;
}

export interface ExceptionTerms {
  expiresAt: Date;
  needsConfirmation: boolean;
  confirmedAt: Date | null;
  acceptedSeverity: Severity;
  acceptedExplanation: string;
  acceptedOpenedAt: Date;
}

export const EXCEPTION_STATES = ["AWAITING_CONFIRMATION", "IN_FORCE", "EXPIRED", "WORSENED", "FINDING_RESOLVED"] as const;
export type ExceptionState = (typeof EXCEPTION_STATES)[number];

/** Capability keys ("env:delete") an explanation names: more of them than when accepted is worse. */
export function capabilitiesNamed(explanation: string): string[] {
  return [...new Set(explanation.match(/\b[a-z][a-z0-9-]*:[a-z0-9*][a-z0-9*-]*\b/g) ?? [])].sort();
}

/** Worse than when accepted: a higher severity, or a capability the accepted finding did not name. */
export function isWorse(finding: Pick<AcceptedFinding, "severity" | "explanation">, terms: Pick<ExceptionTerms, "acceptedSeverity" | "acceptedExplanation">): boolean {
  if (severityRank(finding.severity) > severityRank(terms.acceptedSeverity)) return true;
  const accepted = new Set(capabilitiesNamed(terms.acceptedExplanation));
  return capabilitiesNamed(finding.explanation).some((capability) => !accepted.has(capability));
}

/**
 * Where an exception stands at `now`. It covers the episode it accepted: once the finding resolves,
 * or resolves and opens again, it no longer holds (a new breach needs a new decision). An expiry is
 * exclusive: at `expiresAt` the finding is back.
 */
export function exceptionState(terms: ExceptionTerms, finding: AcceptedFinding, now: Date): ExceptionState {
  if (finding.resolvedAt !== null || finding.openedAt.getTime() !== terms.acceptedOpenedAt.getTime()) return "FINDING_RESOLVED";
  if (now.getTime() >= terms.expiresAt.getTime()) return "EXPIRED";
  if (isWorse(finding, terms)) return "WORSENED";
  if (terms.needsConfirmation && terms.confirmedAt === null) return "AWAITING_CONFIRMATION";
  return "IN_FORCE";
}

/** A CRITICAL finding is accepted by two reviewers: the proposer and a senior who confirms. */
export const needsSecondReviewer = (severity: Severity): boolean => severity === "CRITICAL";

/** Why an expiry cannot be accepted, or null: in the future, and at most the policy's limit away. */
export function expiryProblem(expiresAt: Date, now: Date, maxDays: number): string | null {
  if (expiresAt.getTime() <= now.getTime()) return "must be in the future";
  if (expiresAt.getTime() > now.getTime() + maxDays * DAY_MS) return `must be within ${maxDays} days (the policy's limit), by ${formatDay(new Date(now.getTime() + maxDays * DAY_MS))}`;
  return null;
}

export interface Refusal {
  code: "CONFLICT" | "SELF_APPROVAL" | "SENIOR_REQUIRED";
  message: string;
}

/** Why this reviewer cannot confirm, or null: a grant of trust is never confirmed by its proposer. */
export function confirmationProblem(exception: { proposedById: string; needsConfirmation: boolean; confirmedAt: Date | null }, reviewer: { id: string; senior: boolean }): Refusal | null {
  if (!exception.needsConfirmation) return { code: "CONFLICT", message: "this exception needs no confirmation" };
  if (exception.confirmedAt !== null) return { code: "CONFLICT", message: "this exception is confirmed already" };
  if (reviewer.id === exception.proposedById) return { code: "SELF_APPROVAL", message: "the proposer of an exception may not confirm it; a second reviewer must" };
  if (!reviewer.senior) return { code: "SENIOR_REQUIRED", message: "a CRITICAL finding's exception is confirmed by a senior reviewer" };
  return null;
}
