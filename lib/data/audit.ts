// Reading the audit trail: the filtered log (newest first) and a tool's history (the chain check is
// in audit-chain.ts).
// Events are written only by recordAudit (lib/audit/record.ts), inside each mutation's transaction.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { AuditEventDto, AuditPage } from "@/lib/dto/audit";
import type { AuditQuery } from "@/lib/validation/audit.validation";
import { pageWindow } from "./page-window";

// Every field an event's hash covers, and the hashes: what the log shows and what the chain check reads.
export const auditEventSelect = {
  id: true,
  at: true,
  actorEmail: true,
  action: true,
  entity: true,
  entityId: true,
  before: true,
  after: true,
  prevHash: true,
  hash: true,
} satisfies Prisma.AuditEventSelect;

type EventRow = Prisma.AuditEventGetPayload<{ select: typeof auditEventSelect }>;

function toDto(e: EventRow): AuditEventDto {
  return {
    id: String(e.id),
    at: e.at,
    actor: e.actorEmail,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

function whereFor(query: Omit<AuditQuery, "page" | "pageSize">): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (query.entity) where.push({ entity: query.entity });
  if (query.entityId) where.push({ entityId: query.entityId });
  if (query.actor) where.push({ actorEmail: { equals: query.actor, mode: "insensitive" } });
  if (query.action) where.push({ action: query.action });
  if (query.q) {
    const contains = { contains: query.q, mode: "insensitive" as const };
    where.push({ OR: [{ action: contains }, { entity: contains }, { entityId: contains }, { actorEmail: contains }] });
  }
  return { AND: where };
}

// The log is the register's shared evidence: every signed-in role may read it (no secret is ever in it).
// `all` returns every event of the filtered view as one page (the CSV export of the table).
export async function listAuditEvents(actor: Actor, query: AuditQuery, { all = false }: { all?: boolean } = {}): Promise<AuditPage> {
  authorize(actor, "register:read");
  const db = prisma();
  const where = whereFor(query);
  const total = await db.auditEvent.count({ where });
  const { skip, ...paging } = pageWindow(total, query, all);
  const rows = await db.auditEvent.findMany({ where, select: auditEventSelect, orderBy: { id: "desc" }, skip, take: paging.pageSize });
  return { rows: rows.map(toDto), total, ...paging };
}

/**
 * The filtered log newest first, one page of `pageSize` at a time as the caller asks (the CSV export
 * streams it). Keyset by id: each page is one range scan of the primary key, however deep. The log is
 * append-only, so bounding it by the newest id at the start makes `total` exactly what the pages hold.
 */
export async function auditEventPages(actor: Actor, query: AuditQuery, pageSize: number): Promise<{ total: number; pages: AsyncGenerator<AuditEventDto[]> }> {
  authorize(actor, "register:read");
  const db = prisma();
  const newest = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  const where: Prisma.AuditEventWhereInput = { AND: [whereFor(query), { id: { lte: newest } }] };
  const total = await db.auditEvent.count({ where });
  async function* pages() {
    let before = newest + 1n;
    for (;;) {
      const rows = await db.auditEvent.findMany({ where: { AND: [where, { id: { lt: before } }] }, select: auditEventSelect, orderBy: { id: "desc" }, take: pageSize });
      if (rows.length > 0) yield rows.map(toDto);
      if (rows.length < pageSize) return;
      before = rows[rows.length - 1].id;
    }
  }
  return { total, pages: pages() };
}

/** The values the Audit page offers in its filters. */
export async function auditFacets(actor: Actor): Promise<{ entities: string[]; actions: string[]; actors: string[] }> {
  authorize(actor, "register:read");
  const db = prisma();
  const entities = await db.auditEvent.findMany({ distinct: ["entity"], select: { entity: true }, orderBy: { entity: "asc" } });
  const actions = await db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  const actors = await db.auditEvent.findMany({ distinct: ["actorEmail"], select: { actorEmail: true }, orderBy: { actorEmail: "asc" } });
  return { entities: entities.map((e) => e.entity), actions: actions.map((a) => a.action), actors: actors.map((a) => a.actorEmail) };
}

/** A tool's history: events about the tool itself and about any of its grants, newest first. */
export async function toolHistory(actor: Actor, slug: string, take = 20): Promise<{ events: AuditEventDto[]; total: number }> {
  authorize(actor, "register:read");
  const db = prisma();
  const grants = await db.grant.findMany({ where: { tool: { slug } }, select: { id: true } });
  const where: Prisma.AuditEventWhereInput = {
    OR: [
      { entity: "AiTool", entityId: slug },
      { entity: "Grant", entityId: { in: grants.map((g) => g.id) } },
    ],
  };
  const total = await db.auditEvent.count({ where });
  const rows = await db.auditEvent.findMany({ where, select: auditEventSelect, orderBy: { id: "desc" }, take });
  return { events: rows.map(toDto), total };
}
