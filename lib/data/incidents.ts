// Incidents: the list, the page, create/edit, and links to tools and changes. Every mutation runs in
// one transaction with its audit event, so findings (memoised on the newest audit id) follow at once:
// linking a tool as TRIGGERED to a SEV1 lowers its effective autonomy on the next read.
import { prisma, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Page } from "@/lib/dto/page";
import type {
  IncidentChangeDto,
  IncidentDetailDto,
  IncidentDto,
  IncidentLinkOptions,
  IncidentPage,
  IncidentRow,
  IncidentToolView,
} from "@/lib/dto/incidents";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isAiLinked } from "@/lib/metrics/incidents";
import {
  incidentInputSchema,
  type IncidentInput,
  type IncidentListQuery,
  type IncidentPatch,
  type IncidentToolLink,
} from "@/lib/validation/incidents.validation";
import type { FindingDto } from "@/lib/dto/findings";
import { listFindings, toolPolicyView } from "./findings";
import { listMitigations } from "./mitigations";
import { pageWindow } from "./page-window";

const listInclude = {
  tools: { select: { role: true, tool: { select: { slug: true, name: true } } }, orderBy: { tool: { slug: "asc" } } },
  changes: { select: { change: { select: { externalId: true } } } },
} satisfies Prisma.IncidentInclude;

type IncidentWithLinks = Prisma.IncidentGetPayload<{ include: typeof listInclude }>;

// The API shape: names instead of ids, the blast radius as flat lists.
function incidentDto(incident: IncidentWithLinks): IncidentDto {
  const tools = incident.tools.map((link) => ({ tool: link.tool.slug, name: link.tool.name, role: link.role }));
  return {
    key: incident.key,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    startedAt: incident.startedAt,
    detectedAt: incident.detectedAt,
    resolvedAt: incident.resolvedAt,
    summary: incident.summary,
    environments: incident.blastEnvironments,
    services: incident.blastServices,
    regions: incident.blastRegions,
    customerImpact: incident.customerImpact,
    postmortemUrl: incident.postmortemUrl,
    genAiContributed: incident.genAiContributed,
    aiLinked: isAiLinked({ genAiContributed: incident.genAiContributed, tools: tools.map((t) => ({ slug: t.tool, role: t.role })) }),
    tools,
    changes: incident.changes.map((c) => c.change.externalId),
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
  };
}

function whereFor(query: IncidentListQuery): Prisma.IncidentWhereInput {
  const where: Prisma.IncidentWhereInput[] = [];
  if (query.q) {
    const contains = { contains: query.q, mode: "insensitive" as const };
    where.push({ OR: [{ key: contains }, { title: contains }, { summary: contains }] });
  }
  if (query.severity.length) where.push({ severity: { in: query.severity } });
  if (query.status.length) where.push({ status: { in: query.status } });
  if (query.genAi) where.push({ genAiContributed: query.genAi });
  if (query.tool) where.push({ tools: { some: { tool: { slug: query.tool } } } });
  return { AND: where };
}

// `all` returns every row of the filtered, sorted view as one page (the CSV export of the table).
export async function listIncidents(actor: Actor, query: IncidentListQuery, now = new Date(), { all = false }: { all?: boolean } = {}): Promise<IncidentPage> {
  authorize(actor, "register:read");
  const db = prisma();
  const where = whereFor(query);
  const total = await db.incident.count({ where });
  const { skip, ...paging } = pageWindow(total, query, all);
  const incidents = await db.incident.findMany({
    where,
    orderBy: [{ [query.sort]: query.dir }, { startedAt: "desc" }, { key: "asc" }],
    skip,
    take: paging.pageSize,
    include: listInclude,
  });
  const rows: IncidentRow[] = incidents.map((incident) => {
    const tools = incident.tools.map((l) => ({ slug: l.tool.slug, role: l.role }));
    return {
      key: incident.key,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      genAiContributed: incident.genAiContributed,
      aiLinked: isAiLinked({ genAiContributed: incident.genAiContributed, tools }),
      tools,
      startedAt: incident.startedAt,
      resolvedAt: incident.resolvedAt,
      durationMs: (incident.resolvedAt ?? now).getTime() - incident.startedAt.getTime(),
      ongoing: !incident.resolvedAt,
    };
  });
  return { rows, total, ...paging };
}

/** The API's list: the same filters and pages as the screen, each incident in its API shape. */
export async function listIncidentDtos(actor: Actor, query: IncidentListQuery): Promise<Page<IncidentDto>> {
  const page = await listIncidents(actor, query);
  const incidents = await prisma().incident.findMany({ where: { key: { in: page.rows.map((r) => r.key) } }, include: listInclude });
  const byKey = new Map(incidents.map((i) => [i.key, incidentDto(i)]));
  return { ...page, rows: page.rows.map((r) => byKey.get(r.key)!) };
}

// Keys are stored in upper case (the schema upper-cases them at creation), so a client that created
// "INC-abc1" can address it as it wrote it.
function incidentKey(raw: string): string {
  return raw.trim().toUpperCase();
}

async function incidentWithLinks(db: Tx | ReturnType<typeof prisma>, key: string) {
  const incident = await db.incident.findUnique({ where: { key }, include: listInclude });
  if (!incident) throw notFound(`Incident "${key}"`);
  return incident;
}

export async function getIncident(actor: Actor, rawKey: string): Promise<IncidentDto> {
  const key = incidentKey(rawKey);
  authorize(actor, "register:read");
  return incidentDto(await incidentWithLinks(prisma(), key));
}

/** GET /api/v1/incidents/{key}: the incident and the mitigations that follow from it. */
export async function getIncidentDetail(actor: Actor, rawKey: string): Promise<IncidentDetailDto> {
  const incident = await getIncident(actor, rawKey);
  return { ...incident, mitigations: await listMitigations(actor, { incident: incident.key }) };
}

export interface IncidentPageData {
  incident: IncidentDto;
  tools: (IncidentToolView & { findings: FindingDto[] })[];
  changes: IncidentChangeDto[];
}

// What the incident page shows of each linked tool at a glance: its grants, what it may do now
// per environment (ceiling included) and its findings.
export async function incidentPageData(actor: Actor, rawKey: string): Promise<IncidentPageData> {
  const key = incidentKey(rawKey);
  authorize(actor, "register:read");
  const db = prisma();
  const incident = await getIncident(actor, key);
  const changes = await db.change.findMany({
    where: { incidents: { some: { incident: { key } } } },
    orderBy: { deployedAt: "desc" },
    select: { externalId: true, service: true, changeType: true, aiOrigin: true, mode: true, deployedAt: true, environment: { select: { name: true } }, tool: { select: { slug: true } } },
  });
  const tools: IncidentPageData["tools"] = [];
  for (const link of incident.tools) {
    // Sequential: the embedded database serves one connection.
    const tool = await db.aiTool.findUniqueOrThrow({
      where: { slug: link.tool },
      select: {
        status: true,
        grants: {
          where: { status: { in: ["APPROVED", "REQUESTED"] } },
          orderBy: [{ environment: { tier: "desc" } }, { createdAt: "desc" }],
          select: { id: true, status: true, maxAutonomy: true, expiresAt: true, environment: { select: { name: true } } },
        },
      },
    });
    const policy = await toolPolicyView(actor, link.tool);
    tools.push({
      slug: link.tool,
      name: link.name,
      role: link.role,
      status: tool.status,
      grants: tool.grants.map((g) => ({ id: g.id, environment: g.environment.name, status: g.status, maxAutonomy: g.maxAutonomy, expiresAt: g.expiresAt })),
      allowed: policy.allowed.map((a) => ({ environment: a.environment, allowed: a.allowed, actual: a.actual, gap: a.gap, ceiling: a.ceiling?.reason ?? null })),
      findings: await listFindings(actor, { tool: link.tool }),
    });
  }
  return {
    incident,
    tools,
    changes: changes.map((c) => ({
      externalId: c.externalId,
      service: c.service,
      environment: c.environment.name,
      changeType: c.changeType,
      aiOrigin: c.aiOrigin,
      tool: c.tool?.slug ?? null,
      mode: c.mode,
      deployedAt: c.deployedAt,
    })),
  };
}

/** Choices for the link forms: every tool, and the most recent incidents. */
export async function incidentLinkOptions(actor: Actor): Promise<IncidentLinkOptions> {
  authorize(actor, "register:read");
  const db = prisma();
  const tools = await db.aiTool.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } });
  const incidents = await db.incident.findMany({ select: { key: true, title: true, severity: true }, orderBy: { startedAt: "desc" }, take: 200 });
  const environments = await db.environment.findMany({ select: { name: true }, orderBy: [{ tier: "asc" }, { name: "asc" }] });
  return { tools, incidents, environments: environments.map((e) => e.name) };
}

/** The key the create form proposes: one above the highest numbered INC-… key. */
export async function suggestIncidentKey(actor: Actor): Promise<string> {
  authorize(actor, "register:read");
  const keys = await prisma().incident.findMany({ where: { key: { startsWith: "INC-" } }, select: { key: true } });
  const highest = Math.max(0, ...keys.map((k) => Number(k.key.slice(4))).filter(Number.isFinite));
  return `INC-${highest + 1}`;
}

// ---- mutations ------------------------------------------------------------------------------

function auditShape(incident: IncidentInput | IncidentDto) {
  const at = (d: Date | null) => d?.toISOString() ?? null;
  return {
    key: incident.key,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    startedAt: at(incident.startedAt),
    detectedAt: at(incident.detectedAt),
    resolvedAt: at(incident.resolvedAt),
    summary: incident.summary,
    environments: incident.environments,
    services: incident.services,
    regions: incident.regions,
    customerImpact: incident.customerImpact,
    postmortemUrl: incident.postmortemUrl,
    genAiContributed: incident.genAiContributed,
  };
}

function columnsOf(input: IncidentInput) {
  return {
    title: input.title,
    severity: input.severity,
    status: input.status,
    startedAt: input.startedAt,
    detectedAt: input.detectedAt,
    resolvedAt: input.resolvedAt,
    summary: input.summary,
    blastEnvironments: input.environments,
    blastServices: input.services,
    blastRegions: input.regions,
    customerImpact: input.customerImpact,
    postmortemUrl: input.postmortemUrl,
    genAiContributed: input.genAiContributed,
  };
}

// The blast radius names environments of the register; anything else is a typo to refuse.
async function checkEnvironments(tx: Tx, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const known = new Set((await tx.environment.findMany({ where: { name: { in: names } }, select: { name: true } })).map((e) => e.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) {
    const message = `Unknown environment${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`;
    throw new AppError("UNPROCESSABLE", message, [{ field: "environments", message }]);
  }
}

function keyTaken(key: string): AppError {
  const message = `Incident ${key} already exists.`;
  return new AppError("CONFLICT", message, [{ field: "key", message }]);
}

export async function createIncident(actor: Actor, input: IncidentInput): Promise<IncidentDto> {
  authorize(actor, "incident:write");
  try {
    return await prisma().$transaction(async (tx) => {
      if (await tx.incident.findUnique({ where: { key: input.key }, select: { id: true } })) throw keyTaken(input.key);
      await checkEnvironments(tx, input.environments);
      const created = await tx.incident.create({ data: { key: input.key, ...columnsOf(input) }, include: listInclude });
      await recordAudit(tx, actor, { action: "incident.created", entity: "Incident", entityId: input.key, after: auditShape(input) });
      return incidentDto(created);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw keyTaken(input.key);
    throw error;
  }
}

/**
 * Applies a change (the edit form sends every field; the API's PATCH only some) and checks the
 * merged incident with the same rules as a new one.
 */
export async function updateIncident(actor: Actor, rawKey: string, patch: IncidentPatch | Omit<IncidentInput, "key">): Promise<IncidentDto> {
  const key = incidentKey(rawKey);
  authorize(actor, "incident:write");
  return prisma().$transaction(async (tx) => {
    const current = incidentDto(await incidentWithLinks(tx, key));
    const merged = incidentInputSchema.parse({ ...current, ...patch, key });
    await checkEnvironments(tx, merged.environments);
    const updated = await tx.incident.update({ where: { key }, data: columnsOf(merged), include: listInclude });
    await recordAudit(tx, actor, { action: "incident.updated", entity: "Incident", entityId: key, before: auditShape(current), after: auditShape(merged) });
    return incidentDto(updated);
  });
}

/** Links a tool with a role, or changes the role of an existing link. */
export async function linkIncidentTool(actor: Actor, rawKey: string, link: IncidentToolLink): Promise<IncidentToolLink & { incident: string; created: boolean; changed: boolean }> {
  const key = incidentKey(rawKey);
  authorize(actor, "incident:write");
  return prisma().$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { key }, select: { id: true, severity: true } });
    if (!incident) throw notFound(`Incident "${key}"`);
    const tool = await tx.aiTool.findUnique({ where: { slug: link.tool }, select: { id: true } });
    if (!tool) {
      const message = `Unknown tool "${link.tool}".`;
      throw new AppError("UNPROCESSABLE", message, [{ field: "tool", message }]);
    }
    const existing = await tx.incidentTool.findUnique({ where: { incidentId_toolId: { incidentId: incident.id, toolId: tool.id } } });
    if (existing?.role === link.role) return { incident: key, tool: link.tool, role: link.role, created: false, changed: false };
    await tx.incidentTool.upsert({
      where: { incidentId_toolId: { incidentId: incident.id, toolId: tool.id } },
      create: { incidentId: incident.id, toolId: tool.id, role: link.role },
      update: { role: link.role },
    });
    await recordAudit(tx, actor, {
      action: existing ? "incident.tool_role_changed" : "incident.tool_linked",
      entity: "Incident",
      entityId: key,
      before: existing ? { tool: link.tool, role: existing.role } : null,
      after: { tool: link.tool, role: link.role, severity: incident.severity },
    });
    return { incident: key, tool: link.tool, role: link.role, created: !existing, changed: true };
  });
}

export async function unlinkIncidentTool(actor: Actor, rawKey: string, slug: string): Promise<void> {
  const key = incidentKey(rawKey);
  authorize(actor, "incident:write");
  await prisma().$transaction(async (tx) => {
    const link = await tx.incidentTool.findFirst({ where: { incident: { key }, tool: { slug } } });
    if (!link) throw notFound(`Link between ${key} and ${slug}`);
    await tx.incidentTool.delete({ where: { incidentId_toolId: { incidentId: link.incidentId, toolId: link.toolId } } });
    await recordAudit(tx, actor, { action: "incident.tool_unlinked", entity: "Incident", entityId: key, before: { tool: slug, role: link.role }, after: null });
  });
}

/** Links a change from the AI-origin ledger, by its external id. */
export async function linkIncidentChange(actor: Actor, rawKey: string, externalId: string): Promise<void> {
  const key = incidentKey(rawKey);
  authorize(actor, "incident:write");
  await prisma().$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { key }, select: { id: true } });
    if (!incident) throw notFound(`Incident "${key}"`);
    const change = await tx.change.findUnique({ where: { externalId }, select: { id: true } });
    if (!change) {
      const message = `Unknown change "${externalId}".`;
      throw new AppError("UNPROCESSABLE", message, [{ field: "change", message }]);
    }
    const existing = await tx.incidentChange.findUnique({ where: { incidentId_changeId: { incidentId: incident.id, changeId: change.id } } });
    if (existing) return;
    await tx.incidentChange.create({ data: { incidentId: incident.id, changeId: change.id } });
    await recordAudit(tx, actor, { action: "incident.change_linked", entity: "Incident", entityId: key, after: { change: externalId } });
  });
}
