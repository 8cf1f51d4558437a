import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { CapabilityDto, EnvironmentDto } from "@/lib/dto/catalog";
import type { ToolDetailDto, ToolPage } from "@/lib/dto/tools";
import type { ToolListQuery } from "@/lib/validation/tools.validation";
import { paged } from "./page-window";
import { toolDetailDto, toolDetailInclude, toolRowFields } from "./tool-dto";

function whereFor(query: ToolListQuery): Prisma.AiToolWhereInput {
  const where: Prisma.AiToolWhereInput[] = [];
  if (query.q) {
    const contains = { contains: query.q, mode: "insensitive" as const };
    where.push({ OR: [{ name: contains }, { slug: contains }, { vendor: contains }, { description: contains }] });
  }
  if (query.status.length) where.push({ status: { in: query.status } });
  if (query.kind.length) where.push({ kind: { in: query.kind } });
  if (query.team) where.push({ ownerTeam: { name: query.team } });
  // "Reached" = observed there with some autonomy or capability, whatever any grant says.
  if (query.environment) where.push({ observations: { some: { environment: { name: query.environment } } } });
  return { AND: where };
}

function orderFor(query: ToolListQuery): Prisma.AiToolOrderByWithRelationInput[] {
  const primary: Prisma.AiToolOrderByWithRelationInput =
    query.sort === "ownerTeam" ? { ownerTeam: { name: query.dir } } : { [query.sort]: query.dir };
  return [primary, { slug: "asc" }];
}

// `all` returns every row of the filtered, sorted view as one page (the CSV export of the table).
export async function listTools(actor: Actor, query: ToolListQuery, { all = false }: { all?: boolean } = {}): Promise<ToolPage> {
  authorize(actor, "register:read");
  const where = whereFor(query);
  const db = prisma();
  return paged(
    query,
    () => db.aiTool.count({ where }),
    async (skip, take) => {
      const tools = await db.aiTool.findMany({
        where,
        orderBy: orderFor(query),
        skip,
        take,
        include: { ownerTeam: { select: { name: true } }, observations: { select: { environment: { select: { name: true } } } } },
      });
      return tools.map((tool) => ({
        ...toolRowFields(tool),
        environments: [...new Set(tool.observations.map((o) => o.environment.name))].sort(),
        updatedAt: tool.updatedAt,
      }));
    },
    { all },
  );
}

export async function listFilterOptions(actor: Actor): Promise<{ teams: string[]; environments: string[] }> {
  authorize(actor, "register:read");
  const db = prisma();
  const teams = await db.team.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  const environments = await db.environment.findMany({ select: { name: true }, orderBy: [{ tier: "asc" }, { name: "asc" }] });
  return { teams: teams.map((t) => t.name), environments: environments.map((e) => e.name) };
}

export async function getTool(actor: Actor, slug: string, now = new Date()): Promise<ToolDetailDto> {
  authorize(actor, "register:read");
  const tool = await prisma().aiTool.findUnique({ where: { slug }, include: toolDetailInclude });
  if (!tool) throw notFound(`Tool "${slug}"`);
  return toolDetailDto(tool, now);
}

export async function listToolSlugs(actor: Actor): Promise<string[]> {
  authorize(actor, "register:read");
  const tools = await prisma().aiTool.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
  return tools.map((t) => t.slug);
}

/** The environments and capabilities a tool's forms offer. */
export async function listCatalog(actor: Actor): Promise<{ environments: EnvironmentDto[]; capabilities: Pick<CapabilityDto, "key" | "class">[] }> {
  authorize(actor, "register:read");
  const db = prisma();
  const environments = await db.environment.findMany({
    orderBy: [{ tier: "asc" }, { name: "asc" }],
    select: { name: true, tier: true, dataSensitivity: true, criticalPath: true, description: true },
  });
  const capabilities = await db.capability.findMany({ orderBy: [{ class: "asc" }, { key: "asc" }], select: { key: true, class: true } });
  return { environments, capabilities };
}
