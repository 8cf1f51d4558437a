// The risk register: one entry per tool risk, scored likelihood × impact (1–5 each), with a
// treatment, an owner and a next review date. A review date in the past is an overdue review.
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { RiskDto, RiskFormOptions, RiskPage } from "@/lib/dto/risks";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RiskInput, RiskListQuery } from "@/lib/validation/risks.validation";
import { pageWindow } from "./page-window";

const include = {
  tool: { select: { slug: true, name: true } },
  ownerTeam: { select: { name: true } },
  ownerUser: { select: { name: true, email: true } },
  mitigations: { select: { status: true } },
} satisfies Prisma.RiskInclude;

type RiskRow = Prisma.RiskGetPayload<{ include: typeof include }>;

function riskDto(risk: RiskRow, now = new Date()): RiskDto {
  return {
    id: risk.id,
    tool: risk.tool.slug,
    toolName: risk.tool.name,
    statement: risk.statement,
    likelihood: risk.likelihood,
    impact: risk.impact,
    score: risk.likelihood * risk.impact,
    treatment: risk.treatment,
    ownerTeam: risk.ownerTeam?.name ?? null,
    ownerUser: risk.ownerUser,
    nextReview: risk.nextReview,
    reviewOverdue: risk.nextReview < now,
    openMitigations: risk.mitigations.filter((m) => m.status === "OPEN" || m.status === "IN_PROGRESS").length,
    mitigations: risk.mitigations.length,
  };
}

function whereFor(query: Pick<RiskListQuery, "tool" | "treatment" | "likelihood" | "impact" | "overdue">, now: Date): Prisma.RiskWhereInput {
  const where: Prisma.RiskWhereInput[] = [];
  if (query.tool) where.push({ tool: { slug: query.tool } });
  if (query.treatment) where.push({ treatment: query.treatment });
  if (query.likelihood) where.push({ likelihood: query.likelihood });
  if (query.impact) where.push({ impact: query.impact });
  if (query.overdue) where.push({ nextReview: { lt: now } });
  return { AND: where };
}

const COMPARE: Record<RiskListQuery["sort"], (a: RiskDto, b: RiskDto) => number> = {
  score: (a, b) => a.score - b.score || a.impact - b.impact,
  likelihood: (a, b) => a.likelihood - b.likelihood,
  impact: (a, b) => a.impact - b.impact,
  nextReview: (a, b) => a.nextReview.getTime() - b.nextReview.getTime(),
  tool: (a, b) => a.tool.localeCompare(b.tool),
  treatment: (a, b) => a.treatment.localeCompare(b.treatment),
};

// A register holds tens to hundreds of risks: it is filtered in the database and sorted by score
// (a product Prisma cannot order by) here on the server. `all` returns every row of the filtered,
// sorted view as one page (the CSV export of the table).
export async function listRisks(actor: Actor, query: RiskListQuery, now = new Date(), { all = false }: { all?: boolean } = {}): Promise<RiskPage> {
  authorize(actor, "register:read");
  const risks = await prisma().risk.findMany({ where: whereFor(query, now), include });
  const direction = query.dir === "asc" ? 1 : -1;
  const sorted = risks.map((r) => riskDto(r, now)).sort((a, b) => direction * COMPARE[query.sort](a, b) || a.nextReview.getTime() - b.nextReview.getTime() || a.id.localeCompare(b.id));
  const { skip, ...paging } = pageWindow(sorted.length, query, all);
  return {
    rows: sorted.slice(skip, skip + paging.pageSize),
    total: sorted.length,
    ...paging,
    overdueReviews: sorted.filter((r) => r.reviewOverdue).length,
  };
}

/** counts[likelihood - 1][impact - 1]: how many risks sit in each cell, under the non-cell filters. */
export async function riskHeatMap(actor: Actor, query: Pick<RiskListQuery, "tool" | "treatment" | "overdue">, now = new Date()): Promise<number[][]> {
  authorize(actor, "register:read");
  const groups = await prisma().risk.groupBy({ by: ["likelihood", "impact"], where: whereFor(query, now), _count: { _all: true } });
  const counts = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const g of groups) if (g.likelihood >= 1 && g.likelihood <= 5 && g.impact >= 1 && g.impact <= 5) counts[g.likelihood - 1][g.impact - 1] = g._count._all;
  return counts;
}

export async function getRisk(actor: Actor, id: string, now = new Date()): Promise<RiskDto> {
  authorize(actor, "register:read");
  const risk = await prisma().risk.findUnique({ where: { id }, include });
  if (!risk) throw notFound(`Risk "${id}"`);
  return riskDto(risk, now);
}

export async function listToolRisks(actor: Actor, slug: string, now = new Date()): Promise<RiskDto[]> {
  authorize(actor, "register:read");
  const risks = await prisma().risk.findMany({ where: { tool: { slug } }, include, orderBy: { nextReview: "asc" } });
  return risks.map((r) => riskDto(r, now)).sort((a, b) => b.score - a.score);
}

export async function riskFormOptions(actor: Actor): Promise<RiskFormOptions> {
  authorize(actor, "register:read");
  const db = prisma();
  const tools = await db.aiTool.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } });
  const teams = await db.team.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  const users = await db.user.findMany({ where: { active: true }, select: { name: true, email: true }, orderBy: { name: "asc" } });
  return { tools, teams: teams.map((t) => t.name), users };
}

function refError(field: string, message: string): AppError {
  return new AppError("UNPROCESSABLE", message, [{ field, message }]);
}

async function resolveRefs(tx: Tx, input: RiskInput) {
  const tool = await tx.aiTool.findUnique({ where: { slug: input.tool }, select: { id: true } });
  if (!tool) throw refError("tool", `Unknown tool "${input.tool}".`);
  const team = input.ownerTeam ? await tx.team.findUnique({ where: { name: input.ownerTeam }, select: { id: true } }) : null;
  if (input.ownerTeam && !team) throw refError("ownerTeam", `Unknown team "${input.ownerTeam}".`);
  const user = input.ownerUser ? await tx.user.findUnique({ where: { email: input.ownerUser }, select: { id: true, active: true } }) : null;
  if (input.ownerUser && !user?.active) throw refError("ownerUser", `Unknown or inactive user "${input.ownerUser}".`);
  return { toolId: tool.id, ownerTeamId: team?.id ?? null, ownerUserId: user?.id ?? null };
}

const auditShape = (r: RiskInput) => ({ ...r, nextReview: r.nextReview.toISOString().slice(0, 10) });

export async function createRisk(actor: Actor, input: RiskInput): Promise<RiskDto> {
  authorize(actor, "risk:write");
  return prisma().$transaction(async (tx) => {
    const refs = await resolveRefs(tx, input);
    const created = await tx.risk.create({
      data: { statement: input.statement, likelihood: input.likelihood, impact: input.impact, treatment: input.treatment, nextReview: input.nextReview, ...refs },
      include,
    });
    await recordAudit(tx, actor, { action: "risk.created", entity: "Risk", entityId: created.id, after: auditShape(input) });
    return riskDto(created);
  });
}

export async function updateRisk(actor: Actor, id: string, input: RiskInput): Promise<RiskDto> {
  authorize(actor, "risk:write");
  return prisma().$transaction(async (tx) => {
    const current = await tx.risk.findUnique({ where: { id }, include });
    if (!current) throw notFound(`Risk "${id}"`);
    const refs = await resolveRefs(tx, input);
    const updated = await tx.risk.update({
      where: { id },
      data: { statement: input.statement, likelihood: input.likelihood, impact: input.impact, treatment: input.treatment, nextReview: input.nextReview, ...refs },
      include,
    });
    const before = riskDto(current);
    await recordAudit(tx, actor, {
      action: "risk.updated",
      entity: "Risk",
      entityId: id,
      before: {
        tool: before.tool,
        statement: before.statement,
        likelihood: before.likelihood,
        impact: before.impact,
        treatment: before.treatment,
        ownerTeam: before.ownerTeam,
        ownerUser: before.ownerUser?.email ?? null,
        nextReview: before.nextReview.toISOString().slice(0, 10),
      },
      after: auditShape(input),
    });
    return riskDto(updated);
  });
}
