// Reads the register into the policy's plain shape. Findings are computed from this at request time
// (never stored), memoised while the register is unchanged: every mutation writes an audit event in
// its transaction, so the newest audit id is the register's version across all app processes.
import { prisma } from "@/lib/db/client";
import { allowedAutonomyMatrix, computeFindings, type MatrixCell } from "@/lib/policy/findings";
import type { Policy } from "@/lib/policy/policy";
import type {
  Finding,
  PolicyCapability,
  PolicyEnvironment,
  PolicyGrant,
  PolicyIncidentLink,
  PolicyObservation,
  PolicyTool,
  RegisterSnapshot,
} from "@/lib/policy/types";
import { policyInForce } from "./policy";

// Plain joins instead of nested relation loading: at 10,000 tools × 8 environments this is several
// times faster, and the rows already have the policy's shape.
export async function loadRegisterSnapshot(): Promise<RegisterSnapshot> {
  const db = prisma();
  // Sequential on purpose: the embedded database serves one connection.
  const tools = await db.$queryRaw<PolicyTool[]>`SELECT slug, name, status::text AS status FROM "AiTool"`;
  const environments = await db.$queryRaw<PolicyEnvironment[]>`
    SELECT name, tier::text AS tier, "dataSensitivity"::text AS "dataSensitivity", "criticalPath" FROM "Environment"`;
  const capabilities = await db.$queryRaw<PolicyCapability[]>`SELECT key, class::text AS class FROM "Capability"`;
  const grants = await db.$queryRaw<PolicyGrant[]>`
    SELECT g.id, t.slug AS "toolSlug", e.name AS environment, g."maxAutonomy"::text AS "maxAutonomy", g.capabilities,
           g.status::text AS status, g."expiresAt", g."decidedAt", g."createdAt",
           COALESCE(a.approvers, ARRAY[]::text[]) AS "approverIds"
    FROM "Grant" g
    JOIN "AiTool" t ON t.id = g."toolId"
    JOIN "Environment" e ON e.id = g."environmentId"
    LEFT JOIN (
      SELECT "grantId", array_agg("reviewerId") AS approvers FROM "Decision" WHERE decision = 'APPROVE' GROUP BY "grantId"
    ) a ON a."grantId" = g.id`;
  const observations = await db.$queryRaw<PolicyObservation[]>`
    SELECT t.slug AS "toolSlug", e.name AS environment, o.autonomy::text AS autonomy, o.capabilities, o."observedAt", o.source::text AS source
    FROM "Observation" o JOIN "AiTool" t ON t.id = o."toolId" JOIN "Environment" e ON e.id = o."environmentId"`;
  const incidentLinks = await db.$queryRaw<PolicyIncidentLink[]>`
    SELECT t.slug AS "toolSlug", i.key AS "incidentKey", i.severity::text AS severity, i."startedAt", l.role::text AS role
    FROM "IncidentTool" l JOIN "AiTool" t ON t.id = l."toolId" JOIN "Incident" i ON i.id = l."incidentId"`;
  return { tools, environments, capabilities, grants, observations, incidentLinks };
}

export interface RegisterEvaluation {
  version: string;
  computedAt: Date;
  snapshot: RegisterSnapshot;
  policy: Policy;
  findings: Finding[];
  matrix: MatrixCell[];
}

// Time alone also changes findings (grants expire, observations go stale, ceilings lift), so a
// memoised evaluation is reused for at most this long even when nothing was written.
const MAX_AGE_MS = 60_000;

const globalCache = globalThis as unknown as { registerEvaluation?: RegisterEvaluation };

async function registerVersion(): Promise<string> {
  // Ledger ingestion changes no finding, so a busy CI/CD feed does not force recomputation.
  const latest = await prisma().auditEvent.findFirst({ where: { entity: { not: "Change" } }, orderBy: { id: "desc" }, select: { id: true } });
  return String(latest?.id ?? 0);
}

export async function evaluateRegister(now = new Date()): Promise<RegisterEvaluation> {
  const version = await registerVersion();
  const cached = globalCache.registerEvaluation;
  if (cached && cached.version === version && now.getTime() - cached.computedAt.getTime() < MAX_AGE_MS && now >= cached.computedAt) {
    return cached;
  }
  // Same version, only older: the rows and the policy are as they were (every write, a policy edit
  // included, moves the version), so only the time-dependent findings are worked out again, without
  // reading the register anew (seconds at 10,000 tools).
  const unchanged = cached?.version === version ? cached : undefined;
  const snapshot = unchanged?.snapshot ?? (await loadRegisterSnapshot());
  const policy = unchanged?.policy ?? (await policyInForce()).policy;
  const evaluation = {
    version,
    computedAt: now,
    snapshot,
    policy,
    findings: computeFindings(snapshot, now, policy),
    matrix: allowedAutonomyMatrix(snapshot, now, policy),
  };
  globalCache.registerEvaluation = evaluation;
  return evaluation;
}
