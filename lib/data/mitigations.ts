// Mitigations: actions from an incident or a risk, owned by a team and/or a person, due by a date,
// optionally changing a grant. "Overdue" = still OPEN or IN_PROGRESS after its due date.
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { MitigationDto, MitigationFormOptions } from "@/lib/dto/mitigations";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  OPEN_MITIGATION_STATUSES,
  type MitigationCreate,
  type MitigationStatus,
  type MitigationUpdate,
} from "@/lib/validation/mitigations.validation";

const include = {
  incident: { select: { key: true, title: true, severity: true } },
  risk: { select: { id: true, statement: true, tool: { select: { slug: true } } } },
  grant: { select: { id: true, status: true, maxAutonomy: true, tool: { select: { slug: true } }, environment: { select: { name: true } } } },
  ownerTeam: { select: { name: true } },
  ownerUser: { select: { name: true, email: true } },
} satisfies Prisma.MitigationInclude;

type MitigationRow = Prisma.MitigationGetPayload<{ include: typeof include }>;

export function isOverdue(m: { status: string; dueDate: Date | null }, now: Date): boolean {
  return (OPEN_MITIGATION_STATUSES as readonly string[]).includes(m.status) && m.dueDate !== null && m.dueDate < now;
}

function mitigationDto(m: MitigationRow, now = new Date()): MitigationDto {
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    status: m.status,
    dueDate: m.dueDate,
    overdue: isOverdue(m, now),
    incident: m.incident,
    risk: m.risk && { id: m.risk.id, statement: m.risk.statement, tool: m.risk.tool.slug },
    grant: m.grant && { id: m.grant.id, tool: m.grant.tool.slug, environment: m.grant.environment.name, maxAutonomy: m.grant.maxAutonomy, status: m.grant.status },
    ownerTeam: m.ownerTeam?.name ?? null,
    ownerUser: m.ownerUser,
  };
}

// Open ones first (by due date, undated last), then done and cancelled.
const ORDER: Prisma.MitigationOrderByWithRelationInput[] = [{ status: "asc" }, { dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }];

export async function listMitigations(actor: Actor, filter: { incident?: string; riskId?: string; tool?: string }, now = new Date()): Promise<MitigationDto[]> {
  authorize(actor, "register:read");
  const where: Prisma.MitigationWhereInput[] = [];
  if (filter.incident) where.push({ incident: { key: filter.incident } });
  if (filter.riskId) where.push({ riskId: filter.riskId });
  // A tool's mitigations: from its incidents, its risks, or changing its grants.
  if (filter.tool) {
    const slug = filter.tool;
    where.push({ OR: [{ incident: { tools: { some: { tool: { slug } } } } }, { risk: { tool: { slug } } }, { grant: { tool: { slug } } }] });
  }
  const rows = await prisma().mitigation.findMany({ where: { AND: where }, include, orderBy: ORDER });
  return rows.map((m) => mitigationDto(m, now));
}

/** The overview's list: open mitigations past their due date, most overdue first. */
export async function listOverdueMitigations(actor: Actor, now = new Date()): Promise<MitigationDto[]> {
  authorize(actor, "register:read");
  const rows = await prisma().mitigation.findMany({
    where: { status: { in: [...OPEN_MITIGATION_STATUSES] }, dueDate: { lt: now } },
    include,
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((m) => mitigationDto(m, now));
}

/** Choices for the form: teams, active people, and the grants of the tools concerned. */
export async function mitigationFormOptions(actor: Actor, tools: string[]): Promise<MitigationFormOptions> {
  authorize(actor, "register:read");
  const db = prisma();
  const teams = await db.team.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  const users = await db.user.findMany({ where: { active: true }, select: { name: true, email: true }, orderBy: { name: "asc" } });
  const grants = tools.length
    ? await db.grant.findMany({
        where: { tool: { slug: { in: tools } }, status: { in: ["APPROVED", "REQUESTED"] } },
        select: { id: true, status: true, maxAutonomy: true, tool: { select: { slug: true } }, environment: { select: { name: true } } },
        orderBy: [{ tool: { slug: "asc" } }, { environment: { tier: "desc" } }],
      })
    : [];
  return {
    teams: teams.map((t) => t.name),
    users,
    grants: grants.map((g) => ({ id: g.id, label: `${g.tool.slug} in ${g.environment.name} (max ${g.maxAutonomy}, ${g.status.toLowerCase()})` })),
  };
}

function refError(field: string, message: string): AppError {
  return new AppError("UNPROCESSABLE", message, [{ field, message }]);
}

async function resolveOwnerAndGrant(tx: Tx, input: { ownerTeam: string | null; ownerUser: string | null; grantId: string | null }) {
  const team = input.ownerTeam ? await tx.team.findUnique({ where: { name: input.ownerTeam }, select: { id: true } }) : null;
  if (input.ownerTeam && !team) throw refError("ownerTeam", `Unknown team "${input.ownerTeam}".`);
  const user = input.ownerUser ? await tx.user.findUnique({ where: { email: input.ownerUser }, select: { id: true, active: true } }) : null;
  if (input.ownerUser && !user?.active) throw refError("ownerUser", `Unknown or inactive user "${input.ownerUser}".`);
  const grant = input.grantId ? await tx.grant.findUnique({ where: { id: input.grantId }, select: { id: true } }) : null;
  if (input.grantId && !grant) throw refError("grantId", `Unknown grant "${input.grantId}".`);
  return { ownerTeamId: team?.id ?? null, ownerUserId: user?.id ?? null, grantId: grant?.id ?? null };
}

function auditShape(m: { title: string; kind: string; status: string; dueDate: Date | null; ownerTeam: string | null; ownerUser: string | null; grantId: string | null }) {
  return { title: m.title, kind: m.kind, status: m.status, dueDate: m.dueDate?.toISOString().slice(0, 10) ?? null, ownerTeam: m.ownerTeam, ownerUser: m.ownerUser, grantId: m.grantId };
}

export async function createMitigation(actor: Actor, input: MitigationCreate): Promise<MitigationDto> {
  authorize(actor, "mitigation:write");
  return prisma().$transaction(async (tx) => {
    const incident = input.incident ? await tx.incident.findUnique({ where: { key: input.incident }, select: { id: true } }) : null;
    if (input.incident && !incident) throw notFound(`Incident "${input.incident}"`);
    const risk = input.riskId ? await tx.risk.findUnique({ where: { id: input.riskId }, select: { id: true } }) : null;
    if (input.riskId && !risk) throw notFound(`Risk "${input.riskId}"`);
    const refs = await resolveOwnerAndGrant(tx, input);
    const created = await tx.mitigation.create({
      data: { title: input.title, kind: input.kind, status: input.status, dueDate: input.dueDate, incidentId: incident?.id ?? null, riskId: risk?.id ?? null, ...refs },
      include,
    });
    await recordAudit(tx, actor, {
      action: "mitigation.created",
      entity: "Mitigation",
      entityId: created.id,
      after: { ...auditShape(input), incident: input.incident, riskId: input.riskId },
    });
    return mitigationDto(created);
  });
}

async function mitigationForUpdate(tx: Tx, id: string) {
  const current = await tx.mitigation.findUnique({ where: { id }, include });
  if (!current) throw notFound(`Mitigation "${id}"`);
  return current;
}

const currentShape = (m: MitigationRow) => auditShape({ ...m, ownerTeam: m.ownerTeam?.name ?? null, ownerUser: m.ownerUser?.email ?? null });

export async function updateMitigation(actor: Actor, id: string, input: MitigationUpdate): Promise<MitigationDto> {
  authorize(actor, "mitigation:write");
  return prisma().$transaction(async (tx) => {
    const current = await mitigationForUpdate(tx, id);
    const refs = await resolveOwnerAndGrant(tx, input);
    const updated = await tx.mitigation.update({ where: { id }, data: { title: input.title, kind: input.kind, status: input.status, dueDate: input.dueDate, ...refs }, include });
    await recordAudit(tx, actor, { action: "mitigation.updated", entity: "Mitigation", entityId: id, before: currentShape(current), after: auditShape(input) });
    return mitigationDto(updated);
  });
}

export async function setMitigationStatus(actor: Actor, id: string, status: MitigationStatus): Promise<MitigationDto> {
  authorize(actor, "mitigation:write");
  return prisma().$transaction(async (tx) => {
    const current = await mitigationForUpdate(tx, id);
    if (current.status === status) return mitigationDto(current);
    const updated = await tx.mitigation.update({ where: { id }, data: { status }, include });
    await recordAudit(tx, actor, { action: "mitigation.status_changed", entity: "Mitigation", entityId: id, before: { status: current.status }, after: { status } });
    return mitigationDto(updated);
  });
}
