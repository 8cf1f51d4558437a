// Reads the register into the policy's plain shape. Findings are computed from this at request time
// (never stored), memoised while the register is unchanged: every mutation writes an audit event in
// its transaction, so the newest audit id is the register's version across all app processes.
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
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
// times faster, and the rows already have the policy's shape. With `onlyTools`, the tools, grants and
// observations are those tools' alone; the small tables (environments, capabilities, incident links)
// are always read whole.
export async function loadRegisterSnapshot(onlyTools?: string[]): Promise<RegisterSnapshot> {
  const db = prisma();
  const ofTheseTools = onlyTools ? Prisma.sql`t.slug = ANY(${onlyTools}::text[])` : Prisma.sql`TRUE`;
  const decisionsOfTheseTools = onlyTools
    ? Prisma.sql`AND "grantId" IN (SELECT g2.id FROM "Grant" g2 JOIN "AiTool" t2 ON t2.id = g2."toolId" WHERE t2.slug = ANY(${onlyTools}::text[]))`
    : Prisma.empty;
  // Sequential on purpose: the embedded database serves one connection.
  const tools = await db.$queryRaw<PolicyTool[]>`SELECT t.slug, t.name, t.status::text AS status FROM "AiTool" t WHERE ${ofTheseTools}`;
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
      SELECT "grantId", array_agg("reviewerId") AS approvers FROM "Decision" WHERE decision = 'APPROVE' ${decisionsOfTheseTools} GROUP BY "grantId"
    ) a ON a."grantId" = g.id
    WHERE ${ofTheseTools}`;
  const observations = await db.$queryRaw<PolicyObservation[]>`
    SELECT t.slug AS "toolSlug", e.name AS environment, o.autonomy::text AS autonomy, o.capabilities, o."observedAt", o.source::text AS source
    FROM "Observation" o JOIN "AiTool" t ON t.id = o."toolId" JOIN "Environment" e ON e.id = o."environmentId"
    WHERE ${ofTheseTools}`;
  const incidentLinks = await db.$queryRaw<PolicyIncidentLink[]>`
    SELECT t.slug AS "toolSlug", i.key AS "incidentKey", i.severity::text AS severity, i."startedAt", l.role::text AS role
    FROM "IncidentTool" l JOIN "AiTool" t ON t.id = l."toolId" JOIN "Incident" i ON i.id = l."incidentId"`;
  return { tools, environments, capabilities, grants, observations, incidentLinks };
}

// Writes to these leave every tool's own rows (the tool, its grants, its observations) as they were:
// their tables are read whole on every refresh (environments, capabilities, incident links, the
// policy) or do not feed the findings at all.
const NOT_TOOL_ROWS = ["Change", "ApiToken", "Mitigation", "Risk", "Team", "User", "Import", "Incident", "Environment", "Capability", "Policy", "SignInThrottle", "PolicyProposal"];
// Past this many writes since the memoised version, reading everything again is simpler and as fast.
const MAX_NARROWED_EVENTS = 1_000;

// The tools whose rows were written since `version`, or null when the writes cannot be narrowed to
// tools (the seed, a kind of write this does not know): then the whole register is read again.
async function toolsWrittenSince(version: string): Promise<Set<string> | null> {
  const db = prisma();
  const events = await db.auditEvent.findMany({
    where: { id: { gt: BigInt(version) }, entity: { notIn: NOT_TOOL_ROWS } },
    select: { entity: true, entityId: true },
    take: MAX_NARROWED_EVENTS + 1,
  });
  if (events.length > MAX_NARROWED_EVENTS) return null;
  const tools = new Set<string>();
  const grantIds: string[] = [];
  for (const event of events) {
    if (event.entity === "AiTool") tools.add(event.entityId);
    else if (event.entity === "Grant") grantIds.push(event.entityId);
    else return null;
  }
  if (grantIds.length) {
    const owners = await db.$queryRaw<{ slug: string }[]>`
      SELECT DISTINCT t.slug FROM "Grant" g JOIN "AiTool" t ON t.id = g."toolId" WHERE g.id = ANY(${grantIds}::text[])`;
    for (const { slug } of owners) tools.add(slug);
  }
  return tools;
}

function withToolsReplaced(previous: RegisterSnapshot, fresh: RegisterSnapshot, tools: Set<string>): RegisterSnapshot {
  const others = <T extends { toolSlug: string }>(rows: T[]) => rows.filter((row) => !tools.has(row.toolSlug));
  return {
    tools: [...previous.tools.filter((tool) => !tools.has(tool.slug)), ...fresh.tools],
    environments: fresh.environments,
    capabilities: fresh.capabilities,
    grants: [...others(previous.grants), ...fresh.grants],
    observations: [...others(previous.observations), ...fresh.observations],
    incidentLinks: fresh.incidentLinks,
  };
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
  const policy = unchanged?.policy ?? (await policyInForce()).policy;
  let snapshot: RegisterSnapshot;
  if (unchanged) snapshot = unchanged.snapshot;
  else {
    // After writes, only the rows of the tools they touched are read again (the first request after
    // a change took seconds at 10,000 tools when it read everything).
    const written = cached ? await toolsWrittenSince(cached.version) : null;
    snapshot = cached && written ? withToolsReplaced(cached.snapshot, await loadRegisterSnapshot([...written]), written) : await loadRegisterSnapshot();
  }
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
