// Reads the register into the policy's plain shape: the whole of it for a full evaluation (tests,
// the bench), or a few tools' rows for the evaluator, which keeps the finding records current.
import { prisma, type Db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  PolicyCapability,
  PolicyEnvironment,
  PolicyGrant,
  PolicyIncidentLink,
  PolicyObservation,
  PolicyTool,
  RegisterSnapshot,
} from "@/lib/policy/types";

// Plain joins instead of nested relation loading: at 10,000 tools × 8 environments this is several
// times faster, and the rows already have the policy's shape. With `toolIds`, the tools, grants,
// observations and incident links are those tools' alone; environments and capabilities (small)
// are always read whole.
export async function loadRegisterSnapshot(db: Db | Tx = prisma(), toolIds?: string[]): Promise<RegisterSnapshot> {
  const ofTheseTools = toolIds ? Prisma.sql`t.id = ANY(${toolIds}::text[])` : Prisma.sql`TRUE`;
  const decisionsOfTheseTools = toolIds
    ? Prisma.sql`AND "grantId" IN (SELECT g2.id FROM "Grant" g2 WHERE g2."toolId" = ANY(${toolIds}::text[]))`
    : Prisma.empty;
  // Sequential on purpose: the embedded database serves one connection.
  const tools = await db.$queryRaw<PolicyTool[]>`SELECT t.slug, t.name, t.status::text AS status FROM "AiTool" t WHERE ${ofTheseTools}`;
  const environments = await db.$queryRaw<PolicyEnvironment[]>`
    SELECT name, tier::text AS tier, "dataSensitivity"::text AS "dataSensitivity", "criticalPath" FROM "Environment"`;
  const capabilities = await db.$queryRaw<PolicyCapability[]>`SELECT key, class::text AS class FROM "Capability"`;
  const grants = await db.$queryRaw<PolicyGrant[]>`
    SELECT g.id, t.slug AS "toolSlug", e.name AS environment, g."maxAutonomy"::text AS "maxAutonomy", g.capabilities,
           g.status::text AS status, g."expiresAt", g."decidedAt", g."createdAt", g."lastCertifiedAt",
           COALESCE(a.approvers, ARRAY[]::text[]) AS "approverIds"
    FROM "Grant" g
    JOIN "AiTool" t ON t.id = g."toolId"
    JOIN "Environment" e ON e.id = g."environmentId"
    LEFT JOIN (
      SELECT "grantId", array_agg("reviewerId") AS approvers FROM "Decision" WHERE decision = 'APPROVE' ${decisionsOfTheseTools} GROUP BY "grantId"
    ) a ON a."grantId" = g.id
    WHERE ${ofTheseTools}`;
  const observations = await db.$queryRaw<PolicyObservation[]>`
    SELECT t.slug AS "toolSlug", e.name AS environment, o.autonomy::text AS autonomy, o.capabilities, o."observedAt", o.source::text AS source
    FROM "Observation" o JOIN "AiTool" t ON t.id = o."toolId" JOIN "Environment" e ON e.id = o."environmentId"
    WHERE ${ofTheseTools}`;
  const incidentLinks = await db.$queryRaw<PolicyIncidentLink[]>`
    SELECT t.slug AS "toolSlug", i.key AS "incidentKey", i.severity::text AS severity, i."startedAt", l.role::text AS role
    FROM "IncidentTool" l JOIN "AiTool" t ON t.id = l."toolId" JOIN "Incident" i ON i.id = l."incidentId"
    WHERE ${ofTheseTools}`;
  return { tools, environments, capabilities, grants, observations, incidentLinks };
}
