// Reliability metrics over incidents, as pure functions: data in, numbers out, no I/O. They are
// agnostic to code origin (they measure every incident alike) and only *split* by AI-linkage.
//
// Definitions (also in the README):
// - AI-linked: the standing question was answered YES, or a tool is linked as TRIGGERED or
//   CONTRIBUTED (the roles that also count against a tool's autonomy ceiling). A tool link wins over
//   an answer of NO: the register then says a tool took part, whatever the first answer was.
// - Time to detect (TTD) = detected − started; time to resolve (TTR) = resolved − detected;
//   impact = resolved − started (= TTD + TTR). MTTD and MTTR are their means over the incidents
//   that have the timestamps; total impact sums every incident's impact, an unresolved one counting
//   until `now` (so the total is "at least").
// - Weeks start on Monday 00:00 UTC; an incident counts in the week it started.

import { DAY_MS } from "@/lib/policy/time";
import type { IncidentSeverity, IncidentToolRole } from "@/lib/policy/types";

export const AI_LINKED_ROLES: readonly IncidentToolRole[] = ["TRIGGERED", "CONTRIBUTED"];

export interface MetricIncident {
  key: string;
  severity: IncidentSeverity;
  startedAt: Date;
  detectedAt: Date | null;
  resolvedAt: Date | null;
  genAiContributed: "YES" | "NO" | "UNKNOWN";
  tools: { slug: string; role: IncidentToolRole }[];
}

export function isAiLinked(incident: Pick<MetricIncident, "genAiContributed" | "tools">): boolean {
  return incident.genAiContributed === "YES" || incident.tools.some((t) => AI_LINKED_ROLES.includes(t.role));
}

/** Monday 00:00 UTC of the week holding `date`. */
export function weekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

export interface WeekBucket {
  /** Monday of the week, YYYY-MM-DD (UTC). */
  week: string;
  sev1AiLinked: number;
  sev1Other: number;
  sev2AiLinked: number;
  sev2Other: number;
}

/** SEV1 and SEV2 counts per week for the `weeks` weeks ending with the current one, oldest first. */
export function weeklySevereCounts(incidents: MetricIncident[], now: Date, weeks = 12): WeekBucket[] {
  const current = weekStart(now);
  const buckets: WeekBucket[] = [];
  const byWeek = new Map<string, WeekBucket>();
  for (let i = weeks - 1; i >= 0; i -= 1) {
    const week = new Date(current.getTime() - i * 7 * DAY_MS).toISOString().slice(0, 10);
    const bucket = { week, sev1AiLinked: 0, sev1Other: 0, sev2AiLinked: 0, sev2Other: 0 };
    buckets.push(bucket);
    byWeek.set(week, bucket);
  }
  for (const incident of incidents) {
    if (incident.severity !== "SEV1" && incident.severity !== "SEV2") continue;
    const bucket = byWeek.get(weekStart(incident.startedAt).toISOString().slice(0, 10));
    if (!bucket) continue;
    const ai = isAiLinked(incident);
    if (incident.severity === "SEV1") bucket[ai ? "sev1AiLinked" : "sev1Other"] += 1;
    else bucket[ai ? "sev2AiLinked" : "sev2Other"] += 1;
  }
  return buckets;
}

export interface DurationStats {
  incidents: number;
  aiLinked: number;
  /** Mean time to detect, ms; null when no incident has both times. */
  mttdMs: number | null;
  /** Mean time to resolve (from detection), ms; null when none is resolved with a detection time. */
  mttrMs: number | null;
  /** Sum of impact durations, ms; unresolved incidents count until `now`. */
  totalImpactMs: number;
  /** Incidents still unresolved (their impact is counted until `now`). */
  ongoing: number;
}

const mean = (values: number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

export function durationStats(incidents: MetricIncident[], now: Date): DurationStats {
  const ttd: number[] = [];
  const ttr: number[] = [];
  let totalImpactMs = 0;
  let ongoing = 0;
  for (const incident of incidents) {
    const started = incident.startedAt.getTime();
    if (incident.detectedAt) ttd.push(incident.detectedAt.getTime() - started);
    if (incident.detectedAt && incident.resolvedAt) ttr.push(incident.resolvedAt.getTime() - incident.detectedAt.getTime());
    if (incident.resolvedAt) totalImpactMs += incident.resolvedAt.getTime() - started;
    else {
      ongoing += 1;
      totalImpactMs += Math.max(0, now.getTime() - started);
    }
  }
  return {
    incidents: incidents.length,
    aiLinked: incidents.filter(isAiLinked).length,
    mttdMs: mean(ttd),
    mttrMs: mean(ttr),
    totalImpactMs,
    ongoing,
  };
}

export interface ToolReliability extends DurationStats {
  tool: string;
}

/** Per linked tool (any role): the same statistics over the incidents that tool is linked to. */
export function reliabilityByTool(incidents: MetricIncident[], now: Date): ToolReliability[] {
  const byTool = new Map<string, MetricIncident[]>();
  for (const incident of incidents) {
    for (const { slug } of incident.tools) {
      const list = byTool.get(slug) ?? [];
      if (!list.includes(incident)) list.push(incident);
      byTool.set(slug, list);
    }
  }
  return [...byTool.entries()]
    .map(([tool, list]) => ({ tool, ...durationStats(list, now) }))
    .sort((a, b) => b.totalImpactMs - a.totalImpactMs || a.tool.localeCompare(b.tool));
}

/** Incidents that started in the `days` days up to `now` (same boundary as the policy's windows). */
export function inPeriod<T extends { startedAt: Date }>(incidents: T[], now: Date, days: number): T[] {
  const from = now.getTime() - days * DAY_MS;
  return incidents.filter((i) => i.startedAt.getTime() > from && i.startedAt.getTime() <= now.getTime());
}

/** "3 h 05 min", "2 d 4 h", "12 min" — for tables and cards. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
