// How a pair's kept finding records follow what the rules find now: which open, reopen, change
// severity or resolve. Pure, so the evaluator, its tests and a full rebuild share one definition of
// a transition.
import type { Finding, FindingRule, Severity } from "./types";

/** What is kept of one rule broken by one tool in one environment. */
export interface KeptFinding {
  id: string;
  rule: FindingRule;
  severity: Severity;
  explanation: string;
  /** When its current (or last) episode opened. */
  openedAt: Date;
  /** Null while open. */
  resolvedAt: Date | null;
}

export type FindingTransitionKind = "OPENED" | "SEVERITY_CHANGED" | "RESOLVED" | "REOPENED";

export interface FindingTransitionPlan {
  kind: FindingTransitionKind;
  at: Date;
  severity: Severity;
  previousSeverity: Severity | null;
  explanation: string;
}

export type RecordPlan =
  /** A rule broken here for the first time. */
  | { action: "create"; rule: FindingRule; severity: Severity; explanation: string; firstSeenAt: Date; transition: FindingTransitionPlan }
  /** A kept record seen again: transition is null when only its wording changed, or nothing. */
  | { action: "update"; id: string; severity: Severity; explanation: string; openedAt: Date; resolvedAt: Date | null; transition: FindingTransitionPlan | null };

const atMost = (at: Date, now: Date): Date => (at.getTime() > now.getTime() ? now : at);
const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

/**
 * The plans that bring `kept` (one pair's records) to `found` (the rules' findings of that pair at
 * `now`). A breach opens at the moment the rules say it began (a grant's expiry, an observation),
 * never after `now`; one that comes back reopens then, but not before it was resolved. Records
 * that stay as they are still get an update, which moves their lastSeenAt.
 */
export function planFindingRecords(kept: readonly KeptFinding[], found: readonly Finding[], now: Date): RecordPlan[] {
  const byRule = new Map(kept.map((record) => [record.rule, record]));
  const plans: RecordPlan[] = [];
  for (const finding of found) {
    const { rule, severity, explanation } = finding;
    const record = byRule.get(rule);
    byRule.delete(rule);
    if (!record) {
      const at = atMost(finding.since, now);
      plans.push({ action: "create", rule, severity, explanation, firstSeenAt: at, transition: { kind: "OPENED", at, severity, previousSeverity: null, explanation } });
    } else if (record.resolvedAt) {
      const at = atMost(later(finding.since, record.resolvedAt), now);
      plans.push({ action: "update", id: record.id, severity, explanation, openedAt: at, resolvedAt: null, transition: { kind: "REOPENED", at, severity, previousSeverity: record.severity, explanation } });
    } else {
      const transition: FindingTransitionPlan | null =
        record.severity === severity ? null : { kind: "SEVERITY_CHANGED", at: now, severity, previousSeverity: record.severity, explanation };
      plans.push({ action: "update", id: record.id, severity, explanation, openedAt: record.openedAt, resolvedAt: null, transition });
    }
  }
  for (const record of byRule.values()) {
    if (record.resolvedAt) continue;
    const { id, severity, explanation, openedAt } = record;
    plans.push({ action: "update", id, severity, explanation, openedAt, resolvedAt: now, transition: { kind: "RESOLVED", at: now, severity, previousSeverity: null, explanation } });
  }
  return plans;
}
