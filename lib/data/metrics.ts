// Reliability metrics read from the register; the arithmetic is in lib/metrics/incidents.ts.
import { prisma } from "@/lib/db/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/policy/time";
import {
  durationStats,
  inPeriod,
  isAiLinked,
  reliabilityByTool,
  weeklySevereCounts,
  weekStart,
  type MetricIncident,
  type WeekBucket,
} from "@/lib/metrics/incidents";
import type { MetricsQuery } from "@/lib/validation/incidents.validation";

async function loadIncidents(where: Prisma.IncidentWhereInput): Promise<MetricIncident[]> {
  const incidents = await prisma().incident.findMany({
    where,
    select: {
      key: true,
      severity: true,
      startedAt: true,
      detectedAt: true,
      resolvedAt: true,
      genAiContributed: true,
      tools: { select: { role: true, tool: { select: { slug: true } } } },
    },
    orderBy: { startedAt: "asc" },
  });
  return incidents.map(({ tools, ...incident }) => ({ ...incident, tools: tools.map((t) => ({ slug: t.tool.slug, role: t.role })) }));
}

export const CHART_WEEKS = 12;

/** The overview's chart: SEV1 and SEV2 per week, AI-linked vs not, for the last 12 weeks. */
export async function weeklySevereIncidents(actor: Actor, now = new Date()): Promise<WeekBucket[]> {
  authorize(actor, "register:read");
  const from = new Date(weekStart(now).getTime() - (CHART_WEEKS - 1) * 7 * DAY_MS);
  const incidents = await loadIncidents({ severity: { in: ["SEV1", "SEV2"] }, startedAt: { gte: from } });
  return weeklySevereCounts(incidents, now, CHART_WEEKS);
}

/** MTTD, MTTR and total impact over the chosen period, overall, AI-linked, and per linked tool. */
export async function reliabilityMetrics(actor: Actor, query: MetricsQuery, now = new Date()) {
  authorize(actor, "register:read");
  const where: Prisma.IncidentWhereInput = { startedAt: { gt: new Date(now.getTime() - query.days * DAY_MS) } };
  if (query.severity.length) where.severity = { in: query.severity };
  const incidents = inPeriod(await loadIncidents(where), now, query.days);
  const names = new Map((await prisma().aiTool.findMany({ select: { slug: true, name: true } })).map((t) => [t.slug, t.name]));
  return {
    days: query.days,
    from: new Date(now.getTime() - query.days * DAY_MS).toISOString(),
    to: now.toISOString(),
    overall: durationStats(incidents, now),
    aiLinked: durationStats(incidents.filter(isAiLinked), now),
    notAiLinked: durationStats(incidents.filter((i) => !isAiLinked(i)), now),
    byTool: reliabilityByTool(incidents, now).map((row) => ({ ...row, name: names.get(row.tool) ?? row.tool })),
  };
}

export type ReliabilityMetrics = Awaited<ReturnType<typeof reliabilityMetrics>>;
