// The catalog the register is built on (teams, environments, capabilities) and the tools' own writes.
// Names and keys are the API's addresses, so they are unique; every write is authorised here and
// audited in its transaction.
import "server-only";
import { prisma, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors/app-error";
import type {
  CapabilityCreateInput,
  CapabilityListQuery,
  CapabilityUpdateInput,
  EnvironmentCreateInput,
  EnvironmentListQuery,
  EnvironmentUpdateInput,
  TeamCreateInput,
  TeamListQuery,
  TeamUpdateInput,
  ToolCreateInput,
  ToolUpdateInput,
} from "@/lib/validation/catalog.validation";
import type { CapabilityDto, EnvironmentDto, TeamDto } from "@/lib/dto/catalog";
import type { Page } from "@/lib/dto/page";
import type { ToolFieldsDto } from "@/lib/dto/tools";
import { paged } from "./page-window";
import { toolFieldsDto } from "./tool-dto";

export function conflict(field: string, message: string): AppError {
  return new AppError("CONFLICT", message, [{ field, message }]);
}

export function unprocessable(field: string, message: string): AppError {
  return new AppError("UNPROCESSABLE", `${field}: ${message}`, [{ field, message }]);
}

// Concurrent creators both pass the existence check; the unique index then decides, with the same answer.
async function orConflict<T>(work: () => Promise<T>, onDuplicate: () => AppError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw onDuplicate();
    throw error;
  }
}

const contains = (q: string) => ({ contains: q, mode: "insensitive" as const });

/** The fields of `after` that differ from `before`; empty when nothing changes. */
export function changedFields<T extends object>(before: T, after: T): (keyof T)[] {
  return (Object.keys(after) as (keyof T)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** The fields an update sends, its address (never changeable, refused by the schema) left out. */
function sentFields<T extends object>(input: object, address: string): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => key !== address && value !== undefined)) as Partial<T>;
}

// Two edits of one record at once: the second waits for the first and reads what it wrote, so each
// event's "before" is what the record was.
async function lockRow(tx: Tx, table: "Team" | "Environment" | "Capability", address: string): Promise<void> {
  if (table === "Capability") await tx.$executeRaw`SELECT 1 FROM "Capability" WHERE key = ${address} FOR UPDATE`;
  else if (table === "Team") await tx.$executeRaw`SELECT 1 FROM "Team" WHERE name = ${address} FOR UPDATE`;
  else await tx.$executeRaw`SELECT 1 FROM "Environment" WHERE name = ${address} FOR UPDATE`;
}

/** The audit event of an update: only the fields it changed, before and after. */
function changeEvent<T extends object>(before: T, after: T, changed: (keyof T)[]): { before: Partial<T>; after: Partial<T> } {
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])) as Partial<T>,
    after: Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<T>,
  };
}

// ── Teams ───────────────────────────────────────────────────────────────────────────────────────

/** A team's own fields (its tool count aside): the register export's record and the audit event's. */
export const teamFields = (team: { name: string; description: string | null }): Omit<TeamDto, "toolCount"> => ({ name: team.name, description: team.description ?? "" });

export async function listTeams(actor: Actor, query: TeamListQuery): Promise<Page<TeamDto>> {
  authorize(actor, "register:read");
  const db = prisma();
  const where: Prisma.TeamWhereInput = query.q ? { OR: [{ name: contains(query.q) }, { description: contains(query.q) }] } : {};
  return paged(
    query,
    () => db.team.count({ where }),
    async (skip, take) => {
      const teams = await db.team.findMany({ where, orderBy: { name: "asc" }, skip, take, include: { _count: { select: { tools: true } } } });
      return teams.map((team) => ({ ...teamFields(team), toolCount: team._count.tools }));
    },
  );
}

// Names differing only in case would read as the same team in every list, so they count as taken.
async function assertNameFree(tx: Tx, what: "Team" | "Environment", name: string): Promise<void> {
  // lower() = lower() rather than Prisma's insensitive equals, which is ILIKE and reads _ and % as wildcards.
  const [existing] =
    what === "Team"
      ? await tx.$queryRaw<{ name: string }[]>`SELECT name FROM "Team" WHERE lower(name) = lower(${name}) LIMIT 1`
      : await tx.$queryRaw<{ name: string }[]>`SELECT name FROM "Environment" WHERE lower(name) = lower(${name}) LIMIT 1`;
  if (existing) {
    throw conflict("name", existing.name === name ? `${what} "${name}" already exists.` : `${what} "${existing.name}" already exists (names are compared ignoring case).`);
  }
}

export async function createTeam(actor: Actor, input: TeamCreateInput): Promise<TeamDto> {
  authorize(actor, "catalog:write");
  const taken = () => conflict("name", `Team "${input.name}" already exists.`);
  return orConflict(
    () =>
      prisma().$transaction(async (tx) => {
        await assertNameFree(tx, "Team", input.name);
        const team = await tx.team.create({ data: { name: input.name, description: input.description } });
        const after = teamFields(team);
        await recordAudit(tx, actor, { action: "team.created", entity: "Team", entityId: team.name, after });
        return { ...after, toolCount: 0 };
      }),
    taken,
  );
}

export async function getTeam(actor: Actor, name: string): Promise<TeamDto> {
  authorize(actor, "register:read");
  const team = await prisma().team.findUnique({ where: { name }, include: { _count: { select: { tools: true } } } });
  if (!team) throw notFound(`Team "${name}"`);
  return { ...teamFields(team), toolCount: team._count.tools };
}

// Changes only the fields sent; a request that changes nothing writes nothing (and no audit event).
export async function updateTeam(actor: Actor, name: string, input: TeamUpdateInput): Promise<TeamDto> {
  authorize(actor, "catalog:write");
  return prisma().$transaction(async (tx) => {
    await lockRow(tx, "Team", name);
    const current = await tx.team.findUnique({ where: { name }, include: { _count: { select: { tools: true } } } });
    if (!current) throw notFound(`Team "${name}"`);
    const before = teamFields(current);
    const after = { ...before, ...sentFields<typeof before>(input, "name") };
    const changed = changedFields(before, after);
    if (changed.length > 0) {
      await tx.team.update({ where: { id: current.id }, data: { description: after.description } });
      await recordAudit(tx, actor, { action: "team.updated", entity: "Team", entityId: name, ...changeEvent(before, after, changed) });
    }
    return { ...after, toolCount: current._count.tools };
  });
}

// ── Environments ────────────────────────────────────────────────────────────────────────────────

export const environmentDto = (env: EnvironmentDto): EnvironmentDto => ({
  name: env.name,
  tier: env.tier,
  dataSensitivity: env.dataSensitivity,
  criticalPath: env.criticalPath,
  description: env.description,
});

export async function listEnvironments(actor: Actor, query: EnvironmentListQuery): Promise<Page<EnvironmentDto>> {
  authorize(actor, "register:read");
  const db = prisma();
  const where: Prisma.EnvironmentWhereInput = {
    AND: [query.q ? { OR: [{ name: contains(query.q) }, { description: contains(query.q) }] } : {}, query.tier ? { tier: query.tier } : {}],
  };
  return paged(
    query,
    () => db.environment.count({ where }),
    async (skip, take) =>
      (await db.environment.findMany({ where, orderBy: [{ tier: "asc" }, { name: "asc" }], skip, take })).map(environmentDto),
  );
}

export async function createEnvironment(actor: Actor, input: EnvironmentCreateInput): Promise<EnvironmentDto> {
  authorize(actor, "catalog:write");
  return orConflict(
    () =>
      prisma().$transaction(async (tx) => {
        await assertNameFree(tx, "Environment", input.name);
        const dto = environmentDto(await tx.environment.create({ data: input }));
        await recordAudit(tx, actor, { action: "environment.created", entity: "Environment", entityId: dto.name, after: dto });
        return dto;
      }),
    () => conflict("name", `Environment "${input.name}" already exists.`),
  );
}

export async function getEnvironment(actor: Actor, name: string): Promise<EnvironmentDto> {
  authorize(actor, "register:read");
  const environment = await prisma().environment.findUnique({ where: { name } });
  if (!environment) throw notFound(`Environment "${name}"`);
  return environmentDto(environment);
}

// The tier, data sensitivity and critical path feed the approval matrix and the findings' severity:
// the audit event names the environment, and the finding evaluator judges its pairs again from it.
export async function updateEnvironment(actor: Actor, name: string, input: EnvironmentUpdateInput): Promise<EnvironmentDto> {
  authorize(actor, "catalog:write");
  return prisma().$transaction(async (tx) => {
    await lockRow(tx, "Environment", name);
    const current = await tx.environment.findUnique({ where: { name } });
    if (!current) throw notFound(`Environment "${name}"`);
    const before = environmentDto(current);
    const after: EnvironmentDto = { ...before, ...sentFields<EnvironmentDto>(input, "name") };
    const changed = changedFields(before, after);
    if (changed.length > 0) {
      const { tier, dataSensitivity, criticalPath, description } = after;
      await tx.environment.update({ where: { id: current.id }, data: { tier, dataSensitivity, criticalPath, description } });
      await recordAudit(tx, actor, { action: "environment.updated", entity: "Environment", entityId: name, ...changeEvent(before, after, changed) });
    }
    return after;
  });
}

// ── Capabilities ────────────────────────────────────────────────────────────────────────────────

export const capabilityDto = (capability: CapabilityDto): CapabilityDto => ({ key: capability.key, class: capability.class, description: capability.description });

export async function listCapabilities(actor: Actor, query: CapabilityListQuery): Promise<Page<CapabilityDto>> {
  authorize(actor, "register:read");
  const db = prisma();
  const where: Prisma.CapabilityWhereInput = {
    AND: [query.q ? { OR: [{ key: contains(query.q) }, { description: contains(query.q) }] } : {}, query.class ? { class: query.class } : {}],
  };
  return paged(
    query,
    () => db.capability.count({ where }),
    async (skip, take) =>
      (await db.capability.findMany({ where, orderBy: [{ class: "asc" }, { key: "asc" }], skip, take })).map(capabilityDto),
  );
}

export async function createCapability(actor: Actor, input: CapabilityCreateInput): Promise<CapabilityDto> {
  authorize(actor, "catalog:write");
  const taken = () => conflict("key", `Capability "${input.key}" already exists.`);
  return orConflict(
    () =>
      prisma().$transaction(async (tx) => {
        if (await tx.capability.findUnique({ where: { key: input.key }, select: { id: true } })) throw taken();
        const dto = capabilityDto(await tx.capability.create({ data: input }));
        await recordAudit(tx, actor, { action: "capability.created", entity: "Capability", entityId: dto.key, after: dto });
        return dto;
      }),
    taken,
  );
}

export async function getCapability(actor: Actor, key: string): Promise<CapabilityDto> {
  authorize(actor, "register:read");
  const capability = await prisma().capability.findUnique({ where: { key } });
  if (!capability) throw notFound(`Capability "${key}"`);
  return capabilityDto(capability);
}

// The class decides whether a grant holding the key needs the stricter approvals and how severe a
// finding about it is; the finding evaluator judges the pairs that hold the key again.
export async function updateCapability(actor: Actor, key: string, input: CapabilityUpdateInput): Promise<CapabilityDto> {
  authorize(actor, "catalog:write");
  return prisma().$transaction(async (tx) => {
    await lockRow(tx, "Capability", key);
    const current = await tx.capability.findUnique({ where: { key } });
    if (!current) throw notFound(`Capability "${key}"`);
    const before = capabilityDto(current);
    const after: CapabilityDto = { ...before, ...sentFields<CapabilityDto>(input, "key") };
    const changed = changedFields(before, after);
    if (changed.length > 0) {
      await tx.capability.update({ where: { id: current.id }, data: { class: after.class, description: after.description } });
      await recordAudit(tx, actor, { action: "capability.updated", entity: "Capability", entityId: key, ...changeEvent(before, after, changed) });
    }
    return after;
  });
}

// ── Tools ───────────────────────────────────────────────────────────────────────────────────────

/** Team names to ids; an unknown name is a 422 naming the field, with the spelling that exists if only case differs. */
export async function teamIdsByName(tx: Tx): Promise<{ resolve: (name: string) => { id: string } | { message: string } }> {
  const teams = await tx.team.findMany({ select: { id: true, name: true } });
  const exact = new Map(teams.map((t) => [t.name, t.id]));
  const folded = new Map(teams.map((t) => [t.name.toLowerCase(), t.name]));
  return {
    resolve(name) {
      const id = exact.get(name);
      if (id) return { id };
      const near = folded.get(name.toLowerCase());
      return { message: near ? `unknown team "${name}" (did you mean "${near}"?)` : `unknown team "${name}"` };
    },
  };
}

async function ownerTeamId(tx: Tx, name: string): Promise<string> {
  const found = (await teamIdsByName(tx)).resolve(name);
  if ("message" in found) throw unprocessable("ownerTeam", found.message);
  return found.id;
}

export const toolTaken = (slug: string) => conflict("slug", `Tool "${slug}" already exists.`);

export async function createTool(actor: Actor, input: ToolCreateInput): Promise<ToolFieldsDto> {
  authorize(actor, "tool:write");
  return orConflict(
    () =>
      prisma().$transaction(async (tx) => {
        if (await tx.aiTool.findUnique({ where: { slug: input.slug }, select: { id: true } })) throw toolTaken(input.slug);
        const { ownerTeam, ...fields } = input;
        const tool = await tx.aiTool.create({ data: { ...fields, ownerTeamId: await ownerTeamId(tx, ownerTeam) }, include: { ownerTeam: { select: { name: true } } } });
        const after = toolFieldsDto(tool);
        await recordAudit(tx, actor, { action: "tool.created", entity: "AiTool", entityId: tool.slug, after });
        return after;
      }),
    () => toolTaken(input.slug),
  );
}

// Changes only the fields sent; a request that changes nothing writes nothing (and no audit event).
export async function updateTool(actor: Actor, slug: string, input: ToolUpdateInput): Promise<ToolFieldsDto> {
  authorize(actor, "tool:write");
  return prisma().$transaction(async (tx) => {
    const current = await tx.aiTool.findUnique({ where: { slug }, include: { ownerTeam: { select: { name: true } } } });
    if (!current) throw notFound(`Tool "${slug}"`);
    const before = toolFieldsDto(current);
    const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<ToolFieldsDto>;
    const after: ToolFieldsDto = { ...before, ...defined };
    const changed = changedFields(before, after);
    if (changed.length === 0) return before;
    const { ownerTeam, ...fields } = input;
    await tx.aiTool.update({
      where: { id: current.id },
      data: { ...fields, ...(changed.includes("ownerTeam") && ownerTeam ? { ownerTeamId: await ownerTeamId(tx, ownerTeam) } : {}) },
    });
    await recordAudit(tx, actor, { action: "tool.updated", entity: "AiTool", entityId: slug, ...changeEvent(before, after, changed) });
    return after;
  });
}
