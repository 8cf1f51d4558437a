// Reading the AI-origin ledger (its writes are change-ingestion.ts's), and recomputing its violations.
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma, type Tx } from "@/lib/db/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { ChangeDto } from "@/lib/dto/changes";
import type { Page } from "@/lib/dto/page";
import type { ChangeViolation } from "@/lib/policy/changes";
import type { ChangeInputData, ChangeListQuery } from "@/lib/validation/changes.validation";
import { loadChangeReferences, violationsFor } from "./change-ingestion";
import { pageWindow } from "./page-window";

export const changeInclude = { environment: { select: { name: true } }, tool: { select: { slug: true } } } as const;
type ChangeRow = Prisma.ChangeGetPayload<{ include: typeof changeInclude }>;

// The change as it was reported, addressed by names (what the ledger's violations are computed from).
function reported(row: ChangeRow) {
  return {
    externalId: row.externalId,
    service: row.service,
    environment: row.environment.name,
    changeType: row.changeType,
    aiOrigin: row.aiOrigin,
    tool: row.tool?.slug ?? null,
    mode: row.mode,
    approvers: row.approvers,
    rollbackPlan: row.rollbackPlan,
  };
}

/** A ledger entry without its internal id, as the register export holds it. */
export function changeEntry(row: ChangeRow): Omit<ChangeDto, "id"> {
  return { ...reported(row), deployedAt: row.deployedAt, violations: row.violations as unknown as ChangeViolation[] };
}

function toDto(row: ChangeRow): ChangeDto {
  return { id: row.id, ...changeEntry(row) };
}

// Recomputes stored violations of every change (after the seed, or after a policy change).
export async function recomputeChangeViolations(tx: Tx): Promise<void> {
  const rows = await tx.change.findMany({ include: changeInclude });
  const inputs: ChangeInputData[] = rows.map((row) => ({ ...reported(row), deployedAt: row.deployedAt.toISOString() }));
  const refs = await loadChangeReferences(tx, inputs);
  for (const [index, row] of rows.entries()) {
    await tx.change.update({ where: { id: row.id }, data: { violations: violationsFor(inputs[index], refs) as unknown as Prisma.InputJsonValue } });
  }
}

function whereFor(query: Omit<ChangeListQuery, "sort" | "dir" | "page" | "pageSize">): Prisma.ChangeWhereInput {
  const where: Prisma.ChangeWhereInput[] = [];
  if (query.aiOrigin.length) where.push({ aiOrigin: { in: query.aiOrigin } });
  if (query.environment) where.push({ environment: { name: query.environment } });
  if (query.tool) where.push({ tool: { slug: query.tool } });
  if (query.violating) where.push({ NOT: { violations: { equals: [] } } });
  return { AND: where };
}

const ORDER: Record<ChangeListQuery["sort"], (dir: "asc" | "desc") => Prisma.ChangeOrderByWithRelationInput> = {
  deployedAt: (dir) => ({ deployedAt: dir }),
  service: (dir) => ({ service: dir }),
  environment: (dir) => ({ environment: { name: dir } }),
  tool: (dir) => ({ tool: { slug: dir } }),
  aiOrigin: (dir) => ({ aiOrigin: dir }),
  changeType: (dir) => ({ changeType: dir }),
};

// `all` returns every row of the filtered, sorted view as one page (the CSV export of the table).
export async function listChanges(actor: Actor, query: ChangeListQuery, { all = false }: { all?: boolean } = {}): Promise<Page<ChangeDto>> {
  authorize(actor, "register:read");
  const db = prisma();
  const where = whereFor(query);
  const total = await db.change.count({ where });
  const { skip, ...paging } = pageWindow(total, query, all);
  const rows = await db.change.findMany({ where, include: changeInclude, orderBy: [ORDER[query.sort](query.dir), { externalId: "asc" }], skip, take: paging.pageSize });
  return { rows: rows.map(toDto), total, ...paging };
}

/**
 * The filtered, sorted view a page of `pageSize` at a time, as the caller asks (the CSV export streams
 * it), counted once. Sorted by deployedAt (the default, and indexed), it pages by keyset on
 * (deployedAt, externalId), so every page is one index range however deep the export goes; the other
 * sorts page by offset.
 */
export async function changePages(actor: Actor, query: ChangeListQuery, pageSize: number): Promise<{ total: number; pages: AsyncGenerator<ChangeDto[]> }> {
  authorize(actor, "register:read");
  const db = prisma();
  const where = whereFor(query);
  const total = await db.change.count({ where });
  const orderBy = [ORDER[query.sort](query.dir), { externalId: "asc" as const }];
  const after = (last: ChangeRow): Prisma.ChangeWhereInput => ({
    OR: [{ deployedAt: query.dir === "asc" ? { gt: last.deployedAt } : { lt: last.deployedAt } }, { deployedAt: last.deployedAt, externalId: { gt: last.externalId } }],
  });
  async function* pages() {
    let rest = where;
    for (let skip = 0; ; skip += pageSize) {
      const rows = await db.change.findMany({ where: rest, include: changeInclude, orderBy, take: pageSize, skip: query.sort === "deployedAt" ? 0 : skip });
      if (rows.length > 0) yield rows.map(toDto);
      if (rows.length < pageSize) return;
      if (query.sort === "deployedAt") rest = { AND: [where, after(rows[rows.length - 1])] };
    }
  }
  return { total, pages: pages() };
}

// The overview's signal of the week: AI-made production changes that shipped without a senior approver.
export async function aiChangesWithoutSeniorThisWeek(actor: Actor, now = new Date()): Promise<number> {
  authorize(actor, "register:read");
  return prisma().change.count({
    where: {
      deployedAt: { gte: new Date(now.getTime() - 7 * 86_400_000), lte: now },
      violations: { array_contains: [{ code: "AI_CHANGE_WITHOUT_SENIOR_APPROVER" }] },
    },
  });
}
