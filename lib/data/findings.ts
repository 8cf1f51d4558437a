// Reads of the finding records: indexed SQL, paged and filtered. The records are written by the
// evaluator alone (./finding-evaluator.ts), so nothing here judges the register.
import { authorize, type Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { FindingDetailDto, FindingDto, FindingStatsDto, RebuildProgress, ToolPolicyDto } from "@/lib/dto/findings";
import type { Page } from "@/lib/dto/page";
import { notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/policy/time";
import { SEVERITIES, type Severity } from "@/lib/policy/types";
import { findingFilterSchema, findingIdSchema, type FindingFilter, type FindingPageQuery } from "@/lib/validation/findings.validation";
import { exceptionsInForce, type InForce } from "./exceptions";
import { evaluatorStatus } from "./finding-evaluator";
import { pageWindow } from "./page-window";

const recordSelect = {
  id: true,
  rule: true,
  severity: true,
  toolSlug: true,
  environmentName: true,
  explanation: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
} satisfies Prisma.FindingRecordSelect;

type RecordRow = Prisma.FindingRecordGetPayload<{ select: typeof recordSelect }>;

function findingDto({ toolSlug, environmentName, resolvedAt, ...rest }: RecordRow, held: Map<string, InForce>): FindingDto {
  return { ...rest, tool: toolSlug, environment: environmentName, state: resolvedAt ? "RESOLVED" : "OPEN", resolvedAt, acceptance: held.get(rest.id)?.acceptance ?? null };
}

/** The findings with the exceptions that hold for them now. */
async function findingDtos(rows: RecordRow[]): Promise<FindingDto[]> {
  const held = rows.length ? await exceptionsInForce(rows.map((row) => row.id)) : new Map<string, InForce>();
  return rows.map((row) => findingDto(row, held));
}

function whereOf(input: FindingFilter): Prisma.FindingRecordWhereInput {
  const filter = findingFilterSchema.parse(input);
  return {
    ...(filter.state === "open" ? { resolvedAt: null } : filter.state === "resolved" ? { resolvedAt: { not: null } } : {}),
    ...(filter.tool && { toolSlug: filter.tool }),
    ...(filter.environment && { environmentName: filter.environment }),
    ...(filter.severity && { severity: filter.severity }),
    ...(filter.rule && { rule: filter.rule }),
    ...(filter.since && { changedAt: { gte: new Date(filter.since) } }),
  };
}

// Worst first: severity, then tool, environment and rule (the rule enum's order is the policy's).
const WORST_FIRST: Prisma.FindingRecordOrderByWithRelationInput[] = [{ severity: "desc" }, { toolSlug: "asc" }, { environmentName: "asc" }, { rule: "asc" }];
const SORT_COLUMN: Record<FindingPageQuery["sort"], keyof Prisma.FindingRecordOrderByWithRelationInput> = {
  severity: "severity",
  tool: "toolSlug",
  environment: "environmentName",
  rule: "rule",
  firstSeenAt: "firstSeenAt",
};

/** The table's order: the column asked for, then worst first, then the id, so that pages never overlap. */
function orderOf({ sort, dir }: Pick<FindingPageQuery, "sort" | "dir">): Prisma.FindingRecordOrderByWithRelationInput[] {
  const first = sort === "severity" && dir === "desc" ? [] : [{ [SORT_COLUMN[sort]]: dir }];
  return [...first, ...WORST_FIRST, { id: "asc" }];
}

/**
 * How many findings the filter matches. Open findings filtered by nothing but severity (the overview,
 * the findings page as it opens, an alerting script) are counted from the per-day sums: counting every
 * open row takes a noticeable time when they are a million.
 */
async function countOf(actor: Actor, query: FindingPageQuery, where: Prisma.FindingRecordWhereInput): Promise<number> {
  const { tool, environment, rule, since, state, severity } = query;
  if (state !== "open" || tool || environment || rule || since) return prisma().findingRecord.count({ where });
  const counts = await openFindingCounts(actor);
  return severity ? counts[severity] : SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
}

/** The Findings table, the API's list and the export: filtered, sorted, one page. */
export async function findingsPage(actor: Actor, query: FindingPageQuery): Promise<Page<FindingDto>> {
  authorize(actor, "register:read");
  const db = prisma();
  const where = whereOf(query);
  const total = await countOf(actor, query, where);
  const { skip, ...paging } = pageWindow(total, query);
  const rows = await db.findingRecord.findMany({ where, orderBy: orderOf(query), skip, take: paging.pageSize, select: recordSelect });
  return { rows: await findingDtos(rows), total, ...paging };
}

/** Every finding matching the filter, worst first: for lists that are short by nature (one tool's, one incident's). */
export async function listFindings(actor: Actor, filter: FindingFilter = {}): Promise<FindingDto[]> {
  authorize(actor, "register:read");
  const rows = await prisma().findingRecord.findMany({ where: whereOf(filter), orderBy: [...WORST_FIRST, { id: "asc" }], select: recordSelect });
  return findingDtos(rows);
}

/** How far a pending full rebuild has come (after a policy change), for the pages to say so; null when none is pending. */
export async function findingsRebuildProgress(actor: Actor): Promise<RebuildProgress | null> {
  authorize(actor, "register:read");
  return (await evaluatorStatus()).rebuild;
}

const TOOL_SUGGESTIONS = 200;

/** Slugs of tools with open findings, for the tool filter's suggestions (the first 200: a register may hold 100,000). */
export async function toolsWithFindings(actor: Actor): Promise<string[]> {
  authorize(actor, "register:read");
  const rows = await prisma().$queryRaw<{ slug: string }[]>`
    SELECT DISTINCT "toolSlug" AS slug FROM "FindingRecord" WHERE "resolvedAt" IS NULL ORDER BY 1 LIMIT ${TOOL_SUGGESTIONS}`;
  return rows.map((row) => row.slug);
}

/** One finding with its timeline. */
export async function findingDetail(actor: Actor, id: string): Promise<FindingDetailDto> {
  authorize(actor, "register:read");
  const parsed = findingIdSchema.safeParse(id);
  const record = parsed.success
    ? await prisma().findingRecord.findUnique({
        where: { id: parsed.data },
        select: { ...recordSelect, transitions: { orderBy: { id: "asc" }, select: { kind: true, at: true, severity: true, previousSeverity: true, explanation: true } } },
      })
    : null;
  if (!record) throw notFound(`Finding "${id}"`);
  const { transitions, ...row } = record;
  const [dto] = await findingDtos([row]);
  return { ...dto, transitions };
}

const zeroPerSeverity = (): Record<Severity, number> => ({ LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 });

/** Open findings per severity, accepted ones included: the sum of every day's openings and resolutions, a few hundred rows. */
export async function openFindingCounts(actor: Actor): Promise<Record<Severity, number>> {
  authorize(actor, "register:read");
  const groups = await prisma().findingDaily.groupBy({ by: ["severity"], _sum: { openDelta: true } });
  const counts = zeroPerSeverity();
  for (const group of groups) counts[group.severity] = group._sum.openDelta ?? 0;
  return counts;
}

const STATS_DAYS = 90;

/**
 * The trend and the pace, from the per-day sums the evaluator writes with each transition: open
 * findings at the end of each of the last 90 days per severity (every opening before a day's end,
 * less every resolution), and the mean time to resolve per severity over the resolutions of those days.
 */
export async function findingStats(actor: Actor, now = new Date()): Promise<FindingStatsDto> {
  authorize(actor, "register:read");
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const firstDay = today - (STATS_DAYS - 1) * DAY_MS;
  const days = await prisma().findingDaily.findMany({ where: { day: { lte: new Date(today) } }, orderBy: { day: "asc" } });
  const running = zeroPerSeverity();
  const resolved = new Map(SEVERITIES.map((severity) => [severity, { count: 0, hours: 0 }]));
  let next = 0;
  for (; next < days.length && days[next].day.getTime() < firstDay; next++) running[days[next].severity] += days[next].openDelta;
  const openPerDay: FindingStatsDto["openPerDay"] = [];
  for (let day = firstDay; day <= today; day += DAY_MS) {
    for (; next < days.length && days[next].day.getTime() === day; next++) {
      const row = days[next];
      running[row.severity] += row.openDelta;
      const sums = resolved.get(row.severity)!;
      sums.count += row.resolved;
      sums.hours += row.resolvedHours;
    }
    openPerDay.push({ day: new Date(day).toISOString().slice(0, 10), ...running });
  }
  return {
    open: { ...running },
    openPerDay,
    meanTimeToResolve: SEVERITIES.map((severity) => {
      const { count, hours } = resolved.get(severity)!;
      return { severity, resolved: count, meanHours: count ? hours / count : null };
    }),
  };
}

// What the tool page shows of the policy: its open findings and, per environment, what it may do now.
export async function toolPolicyView(actor: Actor, slug: string): Promise<ToolPolicyDto> {
  authorize(actor, "register:read");
  const findings = await listFindings(actor, { tool: slug });
  const cells = await prisma().findingPair.findMany({
    where: { toolSlug: slug, allowed: { not: null } },
    orderBy: { environmentName: "asc" },
    select: { environmentName: true, allowed: true, actual: true, gap: true, ceilingLevel: true, ceilingUntil: true, ceilingReason: true },
  });
  return {
    findings,
    allowed: cells.map((cell) => ({
      environment: cell.environmentName,
      allowed: cell.allowed!,
      actual: cell.actual,
      gap: cell.gap!,
      ceiling: cell.ceilingLevel && cell.ceilingUntil && cell.ceilingReason ? { level: cell.ceilingLevel, until: cell.ceilingUntil, reason: cell.ceilingReason } : null,
    })),
  };
}
