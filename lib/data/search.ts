// The command palette's search: tools, incidents, grants, changes and (for those who manage them)
// people, found by name, slug, key or email. Each kind is one bounded query: a case-insensitive
// pattern match over its few short columns, at most `limit + 1` rows (the one more says "more"). The
// large tables' columns (tools, changes) have trigram indexes, which ILIKE '%…%' reads.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { can, ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import type { SearchGroupDto, SearchHitDto, SearchKind, SearchResultsDto } from "@/lib/dto/search";
import { Prisma } from "@/lib/generated/prisma/client";
import { searchQuerySchema } from "@/lib/validation/search.validation";

/** Words of the text a grant must all match (in its tool or environment); more only slow the query. */
const MAX_TERMS = 5;
/** The shortest text the trigram indexes can look up (pg_trgm's trigrams). */
const MIN_SUBSTRING = 3;
/** Tools whose grants a grant search reads: the first by name of those any word matches. */
const CANDIDATE_TOOLS = 50;

const LABELS: Record<SearchKind, string> = { tool: "Tools", incident: "Incidents", grant: "Grants", change: "Changes", person: "People" };

// ILIKE reads % and _ as wildcards and \ as its escape: the text is matched as typed.
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");
const anywhere = (text: string) => `%${escapeLike(text)}%`;
const starting = (text: string) => `${escapeLike(text)}%`;

const humanize = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replaceAll("_", " ");
const day = (date: Date) => date.toISOString().slice(0, 10);

type Found = { hits: SearchHitDto[]; more: boolean };

function bounded<T>(rows: T[], limit: number, hit: (row: T) => Omit<SearchHitDto, "kind">, kind: SearchKind): Found {
  return { hits: rows.slice(0, limit).map((row) => ({ kind, ...hit(row) })), more: rows.length > limit };
}

async function tools(q: string, limit: number): Promise<Found> {
  const p = anywhere(q);
  const rows = await prisma().$queryRaw<{ slug: string; name: string; vendor: string; kind: string; status: string }[]>`
    SELECT slug, name, vendor, kind::text AS kind, status::text AS status FROM "AiTool"
    WHERE slug ILIKE ${p} OR name ILIKE ${p} OR vendor ILIKE ${p}
    ORDER BY (lower(slug) = lower(${q}) OR lower(name) = lower(${q})) DESC, (slug ILIKE ${starting(q)} OR name ILIKE ${starting(q)}) DESC, name, slug
    LIMIT ${limit + 1}`;
  return bounded(rows, limit, (t) => ({ id: t.slug, title: t.name, detail: `${t.slug} · ${t.vendor} · ${humanize(t.kind)} · ${humanize(t.status)}`, href: `/tools/${encodeURIComponent(t.slug)}` }), "tool");
}

async function incidents(q: string, limit: number): Promise<Found> {
  const p = anywhere(q);
  const rows = await prisma().$queryRaw<{ key: string; title: string; severity: string; status: string }[]>`
    SELECT key, title, severity::text AS severity, status::text AS status FROM "Incident"
    WHERE key ILIKE ${p} OR title ILIKE ${p}
    ORDER BY (lower(key) = lower(${q})) DESC, "startedAt" DESC, key
    LIMIT ${limit + 1}`;
  return bounded(rows, limit, (i) => ({ id: i.key, title: `${i.key}: ${i.title}`, detail: `${i.severity} · ${humanize(i.status)}`, href: `/incidents/${encodeURIComponent(i.key)}` }), "incident");
}

// A grant is its tool in an environment: "kiro prod" finds Kiro Agent's production grants; its id finds
// it too. Only the grants of the best-matching tools and of the environments every word names are
// candidates, so the query reads a few hundred grants however large the register.
async function grants(q: string, limit: number): Promise<Found> {
  const terms = q.split(/\s+/).slice(0, MAX_TERMS).map(anywhere);
  const toolMatchesAny = Prisma.join(terms.map((p) => Prisma.sql`slug ILIKE ${p} OR name ILIKE ${p}`), " OR ");
  const environmentMatchesEvery = Prisma.join(terms.map((p) => Prisma.sql`name ILIKE ${p}`), " AND ");
  const everyTerm = Prisma.join(terms.map((p) => Prisma.sql`(t.slug ILIKE ${p} OR t.name ILIKE ${p} OR e.name ILIKE ${p})`), " AND ");
  const order = Prisma.sql`(g.id = ${q}) DESC, (g.status = 'REQUESTED') DESC, g."createdAt" DESC, g.id`;
  const rows = await prisma().$queryRaw<{ id: string; status: string; maxAutonomy: string; toolName: string; environment: string; requester: string }[]>`
    WITH candidate AS (
      SELECT id FROM "Grant" WHERE id = ${q}
      UNION
      SELECT g.id FROM "Grant" g WHERE g."toolId" IN (SELECT id FROM "AiTool" WHERE ${toolMatchesAny} ORDER BY name, slug LIMIT ${CANDIDATE_TOOLS})
      UNION
      (SELECT g.id FROM "Grant" g WHERE g."environmentId" IN (SELECT id FROM "Environment" WHERE ${environmentMatchesEvery}) ORDER BY ${order} LIMIT ${limit + 1})
    )
    SELECT g.id, g.status::text AS status, g."maxAutonomy"::text AS "maxAutonomy", t.name AS "toolName", e.name AS environment, u.email AS requester
    FROM candidate c
    JOIN "Grant" g ON g.id = c.id
    JOIN "AiTool" t ON t.id = g."toolId"
    JOIN "Environment" e ON e.id = g."environmentId"
    JOIN "User" u ON u.id = g."requesterId"
    WHERE g.id = ${q} OR (${everyTerm})
    ORDER BY ${order}
    LIMIT ${limit + 1}`;
  return bounded(rows, limit, (g) => ({ id: g.id, title: `${g.toolName} → ${g.environment}`, detail: `${g.maxAutonomy} · ${humanize(g.status)} · requested by ${g.requester}`, href: `/grants/${encodeURIComponent(g.id)}` }), "grant");
}

// The ledger has no page per change: a hit opens the Changes page on its environment (and tool).
async function changes(q: string, limit: number): Promise<Found> {
  const p = anywhere(q);
  // Its exact id first (the unique index), then the newest that match, through the trigram indexes:
  // the ledger is the register's longest table. Fewer than three characters have no trigram to look
  // up and name no deployment, so they find a change by its exact id only.
  const matching =
    q.length < MIN_SUBSTRING
      ? Prisma.empty
      : Prisma.sql`UNION ALL (SELECT id, 1 AS rank, "deployedAt" FROM "Change" WHERE ("externalId" ILIKE ${p} OR service ILIKE ${p}) AND "externalId" <> ${q} ORDER BY "deployedAt" DESC LIMIT ${limit + 1})`;
  const rows = await prisma().$queryRaw<{ externalId: string; service: string; environment: string; tool: string | null; aiOrigin: string; deployedAt: Date }[]>`
    SELECT c."externalId", c.service, e.name AS environment, t.slug AS tool, c."aiOrigin"::text AS "aiOrigin", c."deployedAt"
    FROM (
      (SELECT id, 0 AS rank, "deployedAt" FROM "Change" WHERE "externalId" = ${q})
      ${matching}
    ) found
    JOIN "Change" c ON c.id = found.id
    JOIN "Environment" e ON e.id = c."environmentId"
    LEFT JOIN "AiTool" t ON t.id = c."toolId"
    ORDER BY found.rank, found."deployedAt" DESC, c."externalId"
    LIMIT ${limit + 1}`;
  return bounded(
    rows,
    limit,
    (c) => {
      const filter = new URLSearchParams({ environment: c.environment, ...(c.tool ? { tool: c.tool } : {}) });
      return {
        id: c.externalId,
        title: `${c.externalId} · ${c.service}`,
        detail: `${c.environment} · ${humanize(c.aiOrigin)}${c.tool ? ` by ${c.tool}` : ""} · deployed ${day(c.deployedAt)}`,
        href: `/changes?${filter}`,
      };
    },
    "change",
  );
}

async function people(q: string, limit: number): Promise<Found> {
  const p = anywhere(q);
  const rows = await prisma().$queryRaw<{ id: string; name: string; email: string; role: Role; active: boolean }[]>`
    SELECT id, name, email, role::text AS role, active FROM "User"
    WHERE email ILIKE ${p} OR name ILIKE ${p} OR "githubLogin" ILIKE ${p}
    ORDER BY active DESC, (lower(email) = lower(${q})) DESC, name, email
    LIMIT ${limit + 1}`;
  return bounded(rows, limit, (u) => ({ id: u.id, title: u.name, detail: `${u.email} · ${ROLE_LABELS[u.role]}${u.active ? "" : " · deactivated"}`, href: `/people#person-${u.id}` }), "person");
}

/**
 * Searches what the actor's role may read. People (their emails and roles) are listed only to those
 * who manage them, as the People page is; every role reads the rest of the register.
 */
export async function searchRegister(actor: Actor, input: { q?: unknown; limit?: unknown }): Promise<SearchResultsDto> {
  authorize(actor, "register:read");
  const { q, limit } = searchQuerySchema.parse(input);
  const kinds: [SearchKind, Promise<Found>][] = [
    ["tool", tools(q, limit)],
    ["incident", incidents(q, limit)],
    ["grant", grants(q, limit)],
    ["change", changes(q, limit)],
    ...(can(actor.role, "user:admin") ? [["person", people(q, limit)] as [SearchKind, Promise<Found>]] : []),
  ];
  const found = await Promise.all(kinds.map(async ([kind, pending]) => ({ kind, ...(await pending) })));
  const groups: SearchGroupDto[] = found.filter((group) => group.hits.length > 0).map((group) => ({ kind: group.kind, label: LABELS[group.kind], hits: group.hits, more: group.more }));
  return { q, groups };
}
