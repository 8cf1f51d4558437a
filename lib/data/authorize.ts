// The decision point: one tool × environment judged from the register as it is, in one query for
// the facts (no snapshot of the register, no finding records), so that it answers in milliseconds.
import { prisma } from "@/lib/db/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors/app-error";
import type { AuthorizeDecisionDto } from "@/lib/dto/authorize";
import { decideAction } from "@/lib/policy/authorize";
import type { Autonomy, DataSensitivity, GrantStatus, IncidentSeverity, IncidentToolRole, PolicyGrant, PolicyIncidentLink, Tier, ToolStatus } from "@/lib/policy/types";
import type { AuthorizeRequestInput } from "@/lib/validation/authorize.validation";
import { storedPolicy } from "./policy";

interface FactsRow {
  toolId: string | null;
  slug: string | null;
  name: string | null;
  status: ToolStatus | null;
  environmentId: string | null;
  environment: string | null;
  tier: Tier | null;
  dataSensitivity: DataSensitivity | null;
  criticalPath: boolean | null;
  // Times travel as epoch milliseconds: JSON has no timestamp type, and a zone-less text would be read as local time.
  grants: { id: string; maxAutonomy: Autonomy; capabilities: string[]; status: GrantStatus; expiresAt: number | null; decidedAt: number | null; createdAt: number }[];
  links: { incidentKey: string; severity: IncidentSeverity; startedAt: number; role: IncidentToolRole }[];
  policy: unknown;
}

// A question about another time than now is a what-if, not an attempt to act: it is not counted.
const ATTEMPT_SKEW_MS = 60_000;


export async function authorizeAction(actor: Actor, request: AuthorizeRequestInput): Promise<AuthorizeDecisionDto> {
  authorize(actor, "register:read");
  const db = prisma();
  const [row] = await db.$queryRaw<FactsRow[]>`
    SELECT t.id AS "toolId", t.slug, t.name, t.status::text AS status,
           e.id AS "environmentId", e.name AS environment, e.tier::text AS tier, e."dataSensitivity"::text AS "dataSensitivity", e."criticalPath",
           COALESCE((SELECT json_agg(json_build_object('id', g.id, 'maxAutonomy', g."maxAutonomy", 'capabilities', g.capabilities, 'status', g.status,
                       'expiresAt', (extract(epoch FROM g."expiresAt") * 1000)::bigint, 'decidedAt', (extract(epoch FROM g."decidedAt") * 1000)::bigint, 'createdAt', (extract(epoch FROM g."createdAt") * 1000)::bigint))
                     FROM "Grant" g WHERE g."toolId" = t.id AND g."environmentId" = e.id), '[]') AS grants,
           COALESCE((SELECT json_agg(json_build_object('incidentKey', i.key, 'severity', i.severity, 'startedAt', (extract(epoch FROM i."startedAt") * 1000)::bigint, 'role', l.role))
                     FROM "IncidentTool" l JOIN "Incident" i ON i.id = l."incidentId" WHERE l."toolId" = t.id), '[]') AS links,
           (SELECT policy FROM "PolicyVersion" ORDER BY id DESC LIMIT 1) AS policy
    FROM (SELECT * FROM "AiTool" WHERE slug = ${request.tool}) t FULL JOIN (SELECT * FROM "Environment" WHERE name = ${request.environment}) e ON TRUE`;
  if (!row?.toolId) throw notFound(`Tool "${request.tool}"`);
  if (!row.environmentId) throw notFound(`Environment "${request.environment}"`);
  const now = request.at ? new Date(request.at) : new Date();
  const date = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  const grants: PolicyGrant[] = row.grants.map((g) => ({
    ...g,
    toolSlug: row.slug!,
    environment: row.environment!,
    expiresAt: date(g.expiresAt),
    decidedAt: date(g.decidedAt),
    createdAt: new Date(Number(g.createdAt)),
    approverIds: [],
  }));
  const links: PolicyIncidentLink[] = row.links.map((l) => ({ ...l, toolSlug: row.slug!, startedAt: new Date(Number(l.startedAt)) }));
  const decision = decideAction(
    {
      tool: { slug: row.slug!, name: row.name!, status: row.status! },
      environment: { name: row.environment!, tier: row.tier!, dataSensitivity: row.dataSensitivity!, criticalPath: row.criticalPath! },
      grants,
      links,
      now,
      policy: storedPolicy(row.policy),
    },
    request,
  );
  if (!decision.allowed && Math.abs(now.getTime() - Date.now()) < ATTEMPT_SKEW_MS) {
    // Counted, not audited: a runtime may ask thousands of times, and the answer changed nothing.
    await db.$executeRaw`
      INSERT INTO "DeniedAttempt" ("toolId", "environmentId", count, "lastAt") VALUES (${row.toolId}, ${row.environmentId}, 1, ${new Date()})
      ON CONFLICT ("toolId", "environmentId") DO UPDATE SET count = "DeniedAttempt".count + 1, "lastAt" = EXCLUDED."lastAt"`;
  }
  return decision;
}
