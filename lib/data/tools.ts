import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { ToolListQuery } from "@/lib/validation/tools.validation";
import { pageWindow } from "./page-window";

export interface ToolRow {
  slug: string;
  name: string;
  vendor: string;
  kind: string;
  status: string;
  ownerTeam: string;
  modes: string[];
  environments: string[];
  updatedAt: string;
}

export interface ToolPage {
  rows: ToolRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

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
  const total = await db.aiTool.count({ where });
  const { skip, ...paging } = pageWindow(total, query, all);
  const tools = await db.aiTool.findMany({
    where,
    orderBy: orderFor(query),
    skip,
    take: paging.pageSize,
    include: { ownerTeam: { select: { name: true } }, observations: { select: { environment: { select: { name: true } } } } },
  });
  return {
    rows: tools.map((tool) => ({
      slug: tool.slug,
      name: tool.name,
      vendor: tool.vendor,
      kind: tool.kind,
      status: tool.status,
      ownerTeam: tool.ownerTeam.name,
      modes: tool.modes,
      environments: tool.observations.map((o) => o.environment.name).sort(),
      updatedAt: tool.updatedAt.toISOString(),
    })),
    total,
    ...paging,
  };
}

export async function listFilterOptions(actor: Actor): Promise<{ teams: string[]; environments: string[] }> {
  authorize(actor, "register:read");
  const db = prisma();
  const teams = await db.team.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  const environments = await db.environment.findMany({ select: { name: true }, orderBy: [{ tier: "asc" }, { name: "asc" }] });
  return { teams: teams.map((t) => t.name), environments: environments.map((e) => e.name) };
}

export async function getTool(actor: Actor, slug: string) {
  authorize(actor, "register:read");
  const tool = await prisma().aiTool.findUnique({
    where: { slug },
    include: {
      ownerTeam: { select: { name: true } },
      grants: {
        include: {
          environment: { select: { name: true, tier: true } },
          requester: { select: { name: true, email: true } },
          decisions: { include: { reviewer: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } },
        },
        orderBy: { createdAt: "desc" },
      },
      observations: { include: { environment: { select: { name: true, tier: true } } }, orderBy: { environment: { tier: "asc" } } },
      incidents: { include: { incident: true }, orderBy: { incident: { startedAt: "desc" } } },
    },
  });
  if (!tool) throw notFound(`Tool "${slug}"`);
  return tool;
}

export type ToolDetail = Awaited<ReturnType<typeof getTool>>;

export async function listToolSlugs(actor: Actor): Promise<string[]> {
  authorize(actor, "register:read");
  const tools = await prisma().aiTool.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
  return tools.map((t) => t.slug);
}

export async function listCatalog(actor: Actor) {
  authorize(actor, "register:read");
  const db = prisma();
  const environments = await db.environment.findMany({ orderBy: [{ tier: "asc" }, { name: "asc" }] });
  const capabilities = await db.capability.findMany({ orderBy: [{ class: "asc" }, { key: "asc" }], select: { key: true, class: true } });
  return { environments, capabilities };
}
