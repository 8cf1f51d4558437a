// The decision point: one tool × environment judged from the register as it is, in one query for
// the facts (no snapshot of the register, no finding records), so that it answers in milliseconds.
import { prisma } from "@/lib/db/client";
import { coalesce, type Settled } from "@/lib/db/coalesce";
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


/**
 * Concurrent questions share one round trip (lib/db/coalesce.ts): each still reads the register as it
 * stands after the question arrived, with no cache, but fifty agents asking at once cost one query.
 */
const factsOf = coalesce(async (questions: { tool: string; environment: string }[]): Promise<Settled<FactsRow>[]> => {
  const rows = await prisma().$queryRaw<(FactsRow & { n: bigint })[]>`
    WITH policy AS (SELECT policy FROM "PolicyVersion" ORDER BY id DESC LIMIT 1)
    SELECT q.n, t.id AS "toolId", t.slug, t.name, t.status::text AS status,
           e.id AS "environmentId", e.name AS environment, e.tier::text AS tier, e."dataSensitivity"::text AS "dataSensitivity", e."criticalPath",
           COALESCE((SELECT json_agg(json_build_object('id', g.id, 'maxAutonomy', g."maxAutonomy", 'capabilities', g.capabilities, 'status', g.status,
                       'expiresAt', (extract(epoch FROM g."expiresAt") * 1000)::bigint, 'decidedAt', (extract(epoch FROM g."decidedAt") * 1000)::bigint, 'createdAt', (extract(epoch FROM g."createdAt") * 1000)::bigint))
                     FROM "Grant" g WHERE g."toolId" = t.id AND g."environmentId" = e.id), '[]') AS grants,
           COALESCE((SELECT json_agg(json_build_object('incidentKey', i.key, 'severity', i.severity, 'startedAt', (extract(epoch FROM i."startedAt") * 1000)::bigint, 'role', l.role))
                     FROM "IncidentTool" l JOIN "Incident" i ON i.id = l."incidentId" WHERE l."toolId" = t.id), '[]') AS links,
           (SELECT policy FROM policy) AS policy
    FROM unnest(${questions.map((q) => q.tool)}::text[], ${questions.map((q) => q.environment)}::text[]) WITH ORDINALITY AS q(tool, environment, n)
    LEFT JOIN "AiTool" t ON t.slug = q.tool
    LEFT JOIN "Environment" e ON e.name = q.environment`;
  const byIndex = new Map(rows.map((row) => [Number(row.n), row]));
  return questions.map((_, index) => ({ value: byIndex.get(index + 1)! }));
});

/** Denials counted per pair, many requests' worth in one statement (in key order, so two processes cannot deadlock). */
const countDenials = coalesce(async (pairs: { toolId: string; environmentId: string }[]): Promise<Settled<void>[]> => {
  const counts = new Map<string, { toolId: string; environmentId: string; count: number }>();
  for (const pair of pairs) {
    const key = `${pair.toolId}\u0000${pair.environmentId}`;
    counts.set(key, { ...pair, count: (counts.get(key)?.count ?? 0) + 1 });
  }
  const rows = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  await prisma().$executeRaw`
    INSERT INTO "DeniedAttempt" ("toolId", "environmentId", count, "lastAt")
    SELECT v.tool_id, v.environment_id, v.count, ${new Date().toISOString()}::timestamptz AT TIME ZONE 'UTC'
    FROM unnest(${rows.map((r) => r.toolId)}::text[], ${rows.map((r) => r.environmentId)}::text[], ${rows.map((r) => r.count)}::int[]) WITH ORDINALITY AS v(tool_id, environment_id, count, n)
    ORDER BY v.n
    ON CONFLICT ("toolId", "environmentId") DO UPDATE SET count = "DeniedAttempt".count + EXCLUDED.count, "lastAt" = EXCLUDED."lastAt"`;
  return pairs.map(() => ({ value: undefined }));
});

// Facts read for a question while its caller's token is still being looked up (prefetchFacts).
const prefetched = new WeakMap<AuthorizeRequestInput, Promise<FactsRow | undefined>>();

/**
 * Starts reading a question's facts before its caller is known to be allowed to ask, so that the
 * token lookup and the facts query share the wait instead of following each other. A pure read:
 * nothing from it reaches a caller before authorizeAction has authorised them.
 */
export function prefetchFacts(request: AuthorizeRequestInput): void {
  const facts = factsOf({ tool: request.tool, environment: request.environment });
  // A failure is answered by authorizeAction; unasked for (the caller refused), it is dropped.
  facts.catch(() => undefined);
  prefetched.set(request, facts);
}

export async function authorizeAction(actor: Actor, request: AuthorizeRequestInput): Promise<AuthorizeDecisionDto> {
  authorize(actor, "register:read");
  const row = await (prefetched.get(request) ?? factsOf({ tool: request.tool, environment: request.environment }));
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
    await countDenials({ toolId: row.toolId, environmentId: row.environmentId });
  }
  return decision;
}
