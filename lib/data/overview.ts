// The overview's headline figures, its worst findings and the autonomy matrix's worst rows, read
// from the finding records and the evaluator's pairs (./finding-evaluator.ts) with indexed SQL.
import { authorize, type Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { FindingDto } from "@/lib/dto/findings";
import { SEVERITIES, tierRank, type Autonomy, type Severity, type Tier } from "@/lib/policy/types";
import { findingsPage, openFindingCounts } from "./findings";

export interface MatrixView {
  environments: { name: string; tier: Tier }[];
  rows: { tool: string; name: string; worstGap: number; cells: Record<string, { allowed: Autonomy; actual: Autonomy | null; gap: number; ceiling: string | null } | undefined> }[];
  totalTools: number;
}

export interface Overview {
  counts: Record<Severity, number>;
  findings: FindingDto[];
  totalFindings: number;
  toolsExceeding: number;
  matrix: MatrixView;
}

const FINDINGS_SHOWN = 12;

// The tools whose actual autonomy most exceeds what they are allowed come first (then by slug); the
// page shows the worst rows and links to the full findings table for the rest. Reading the observed
// pairs in the exceeded-first index's order, each tool first appears at its worst gap, so `limit`
// tools are found within limit × environments rows.
async function matrixView(limit: number): Promise<MatrixView> {
  const db = prisma();
  const environments = await db.environment.findMany({ select: { name: true, tier: true } });
  const worst = await db.findingPair.findMany({
    where: { actual: { not: null }, allowed: { not: null } },
    orderBy: [{ gap: "desc" }, { toolSlug: "asc" }],
    take: limit * Math.max(environments.length, 1),
    select: { toolSlug: true },
  });
  const slugs = [...new Set(worst.map((pair) => pair.toolSlug))].slice(0, limit);
  if (slugs.length < limit) {
    // Tools granted somewhere but never observed come last.
    const unobserved = await db.$queryRaw<{ slug: string }[]>`
      SELECT DISTINCT "toolSlug" AS slug FROM "FindingPair"
      WHERE allowed IS NOT NULL AND NOT ("toolSlug" = ANY(${slugs}::text[])) ORDER BY 1 LIMIT ${limit - slugs.length}`;
    slugs.push(...unobserved.map((pair) => pair.slug));
  }
  const cells = await db.findingPair.findMany({
    where: { toolSlug: { in: slugs }, allowed: { not: null } },
    select: { toolSlug: true, environmentName: true, allowed: true, actual: true, gap: true, ceilingReason: true },
  });
  const names = new Map((await db.aiTool.findMany({ where: { slug: { in: slugs } }, select: { slug: true, name: true } })).map((t) => [t.slug, t.name]));
  const rows = new Map<string, MatrixView["rows"][number]>(
    slugs.map((slug) => [slug, { tool: slug, name: names.get(slug) ?? slug, worstGap: Number.NEGATIVE_INFINITY, cells: {} }]),
  );
  for (const cell of cells) {
    const row = rows.get(cell.toolSlug)!;
    row.cells[cell.environmentName] = { allowed: cell.allowed!, actual: cell.actual, gap: cell.gap!, ceiling: cell.ceilingReason };
    if (cell.actual !== null) row.worstGap = Math.max(row.worstGap, cell.gap!);
  }
  const [{ total }] = await db.$queryRaw<{ total: number }[]>`
    SELECT COUNT(*)::int AS total FROM "AiTool" t
    WHERE EXISTS (SELECT 1 FROM "FindingPair" p WHERE p."toolId" = t.id AND p.allowed IS NOT NULL)`;
  return {
    environments: environments.sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || a.name.localeCompare(b.name)),
    rows: [...rows.values()],
    totalTools: total,
  };
}

export async function getOverview(actor: Actor, options: { matrixRows?: number } = {}): Promise<Overview> {
  authorize(actor, "register:read");
  const counts = await openFindingCounts(actor);
  const worst = await findingsPage(actor, { page: 1, pageSize: FINDINGS_SHOWN, state: "open", sort: "severity", dir: "desc" });
  const [{ exceeding }] = await prisma().$queryRaw<{ exceeding: number }[]>`
    SELECT COUNT(DISTINCT "toolId")::int AS exceeding FROM "FindingPair" WHERE actual IS NOT NULL AND gap > 0`;
  return {
    counts,
    findings: worst.rows,
    totalFindings: SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0),
    toolsExceeding: exceeding,
    matrix: await matrixView(options.matrixRows ?? 25),
  };
}
