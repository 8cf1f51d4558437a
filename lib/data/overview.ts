// The overview's headline figures, its worst findings and the autonomy matrix's worst rows, read
// from what the evaluator keeps (./finding-evaluator.ts) with indexed SQL.
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

// The tools whose actual autonomy most exceeds what they are allowed come first (then by slug), then
// those granted somewhere but never observed; the page shows the worst rows and links to the full
// findings table for the rest.
async function matrixView(limit: number): Promise<MatrixView> {
  const db = prisma();
  const environments = await db.environment.findMany({ select: { name: true, tier: true } });
  const worst = await db.findingTool.findMany({
    where: { cells: { gt: 0 } },
    orderBy: [{ worstGap: { sort: "desc", nulls: "last" } }, { toolSlug: "asc" }],
    take: limit,
    select: { toolSlug: true, worstGap: true },
  });
  const slugs = worst.map((tool) => tool.toolSlug);
  const cells = await db.findingPair.findMany({
    where: { toolSlug: { in: slugs }, allowed: { not: null } },
    select: { toolSlug: true, environmentName: true, allowed: true, actual: true, gap: true, ceilingReason: true },
  });
  const names = new Map((await db.aiTool.findMany({ where: { slug: { in: slugs } }, select: { slug: true, name: true } })).map((t) => [t.slug, t.name]));
  const rows = new Map<string, MatrixView["rows"][number]>(
    worst.map(({ toolSlug, worstGap }) => [toolSlug, { tool: toolSlug, name: names.get(toolSlug) ?? toolSlug, worstGap: worstGap ?? Number.NEGATIVE_INFINITY, cells: {} }]),
  );
  for (const cell of cells) {
    rows.get(cell.toolSlug)!.cells[cell.environmentName] = { allowed: cell.allowed!, actual: cell.actual, gap: cell.gap!, ceiling: cell.ceilingReason };
  }
  return {
    environments: environments.sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || a.name.localeCompare(b.name)),
    rows: [...rows.values()],
    totalTools: await db.findingTool.count({ where: { cells: { gt: 0 } } }),
  };
}

export async function getOverview(actor: Actor, options: { matrixRows?: number } = {}): Promise<Overview> {
  authorize(actor, "register:read");
  const counts = await openFindingCounts(actor);
  const worst = await findingsPage(actor, { page: 1, pageSize: FINDINGS_SHOWN, state: "open", sort: "severity", dir: "desc" });
  const exceeding = await prisma().findingTool.count({ where: { worstGap: { gt: 0 } } });
  return {
    counts,
    findings: worst.rows,
    totalFindings: SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0),
    toolsExceeding: exceeding,
    matrix: await matrixView(options.matrixRows ?? 25),
  };
}
