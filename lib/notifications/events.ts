// What the register tells people: the events written to the outbox, their shape on the wire, and
// which subscriptions want them. Pure: the writers (lib/data) and the dispatcher share it.
import { randomUUID } from "node:crypto";
import type { Severity } from "@/lib/policy/types";
import { SEVERITIES } from "@/lib/policy/types";

export const EVENT_TYPES = [
  "finding.opened",
  "finding.resolved",
  "finding.severity_changed",
  "finding.reopened",
  "finding.accepted",
  "grant.requested",
  "grant.decided",
  "grant.expiring",
  "review.due",
  "incident.ceiling_applied",
  "change.violation",
  "policy.changed",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Sent to one subscription only, on an admin's request; no filter holds it back. */
export const TEST_EVENT_TYPE = "webhook.test";

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  "finding.opened": "A finding opened",
  "finding.resolved": "A finding resolved",
  "finding.severity_changed": "A finding's severity changed",
  "finding.reopened": "A resolved finding came back",
  "finding.accepted": "A finding was accepted for a while",
  "grant.requested": "A grant awaits review",
  "grant.decided": "A grant was approved or denied",
  "grant.expiring": "A grant expires within 7 days",
  "review.due": "A grant is due for its access review",
  "incident.ceiling_applied": "An incident now caps a tool's autonomy",
  "change.violation": "A change broke the change rules",
  "policy.changed": "The policy changed",
};

/** How far ahead of its expiry a grant is announced. */
export const GRANT_EXPIRING_NOTICE_DAYS = 7;

export interface EventSubject {
  tool?: string;
  environment?: string;
  /** The tool's owner team; the outbox fills it in from the tool when a writer leaves it out. */
  team?: string;
  severity?: Severity;
}

export interface RegisterEvent {
  type: EventType | typeof TEST_EVENT_TYPE;
  at: Date;
  /** One sentence a person reads in Slack or a log. */
  summary: string;
  subject: EventSubject;
  /** Register paths (e.g. /grants/abc); sent as absolute links. */
  links: Record<string, string>;
  details: Record<string, unknown>;
  /** For a time-driven event: one per moment, whichever process writes it first. */
  dedupeKey?: string;
}

/** The Standard Webhooks message id: kept across retries so that a receiver can drop a repeat. */
export const newEventId = (): string => `msg_${randomUUID().replaceAll("-", "")}`;

/** Where the register is reached from outside, for the links in events. */
export function registerUrl(): string {
  return (process.env.REGISTER_URL ?? process.env.AUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/** The body sent, after Standard Webhooks' convention: {type, timestamp, data}. */
export interface EventPayload {
  type: string;
  timestamp: string;
  data: EventSubject & { summary: string; links: Record<string, string> } & Record<string, unknown>;
}

export function eventPayload(event: RegisterEvent, baseUrl = registerUrl()): EventPayload {
  const links = Object.fromEntries(Object.entries(event.links).map(([name, path]) => [name, `${baseUrl}${path}`]));
  return { type: event.type, timestamp: event.at.toISOString(), data: { summary: event.summary, ...event.subject, ...event.details, links } };
}

export interface SubscriptionFilter {
  eventTypes: readonly string[];
  minSeverity: Severity | null;
  tools: readonly string[];
  environments: readonly string[];
  teams: readonly string[];
}

const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);

/**
 * Whether a subscription wants an event. An empty list matches everything; a filter on a field the
 * event does not carry (a policy change has no tool) does not hold it back, nor does a minimum
 * severity hold back an event without one. The dispatcher's fan-out query says the same in SQL.
 */
export function subscriptionWants(filter: SubscriptionFilter, event: { type: string } & EventSubject): boolean {
  if (event.type === TEST_EVENT_TYPE) return true;
  if (filter.eventTypes.length > 0 && !filter.eventTypes.includes(event.type)) return false;
  if (filter.minSeverity && event.severity && severityRank(event.severity) < severityRank(filter.minSeverity)) return false;
  const passes = (allowed: readonly string[], value: string | undefined) => allowed.length === 0 || value === undefined || allowed.includes(value);
  return passes(filter.tools, event.tool) && passes(filter.environments, event.environment) && passes(filter.teams, event.team);
}
