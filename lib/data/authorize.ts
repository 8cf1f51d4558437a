// The decision point: one tool × environment judged from the register as it is, from the facts of
// that pair alone (no snapshot of the register, no finding records), so that it answers in milliseconds.
import { prisma } from "@/lib/db/client";
import { coalesce, type Settled } from "@/lib/db/coalesce";
import { authorize, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors/app-error";
import type { AuthorizeDecisionDto } from "@/lib/dto/authorize";
import { decideAction, type AuthorizeFacts } from "@/lib/policy/authorize";
import { DEFAULT_POLICY, type Policy } from "@/lib/policy/policy";
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
}

/** What a question is judged on, but the time: a tool and an environment as the register has them, or the one of them it lacks. */
type PairFacts =
  | { found: true; toolId: string; environmentId: string; facts: Omit<AuthorizeFacts, "now"> }
  | { found: false; missing: "tool" | "environment" };

// A question about another time than now is a what-if, not an attempt to act: it is not counted.
const ATTEMPT_SKEW_MS = 60_000;

/**
 * Audit entities whose writers never touch what a decision reads (tools, environments, grants,
 * incidents and their links, the policy). Any other event since the facts were read means they may
 * have changed; an entity not named here (a new one too) counts as a change.
 */
const INERT_AUDIT_ENTITIES = ["Change", "Risk", "Mitigation", "FindingException", "WebhookSubscription", "SignInThrottle", "ApiToken", "User"];
// Past this many events unseen, assume a change rather than look through them all.
const UNSEEN_EVENTS_LIMIT = 10_000;
// Questions about names that exist nowhere are kept too; past this many pairs, start afresh.
const MAX_CACHED_PAIRS = 200_000;

/**
 * The facts of each pair asked about, kept between questions and checked against the audit chain on
 * every round trip: every write to them is audited in its own transaction, and the chain's lock
 * commits events in id order, so "no event but inert ones since id N" proves facts read at N are
 * still the register's. A process's cache therefore never answers from a state another process has
 * changed, and a quiet register costs one index probe per group of questions instead of the facts query.
 */
const cache: { pairs: Map<string, PairFacts>; seenAuditId: bigint; policy: Policy } = { pairs: new Map(), seenAuditId: -1n, policy: DEFAULT_POLICY };

const pairKey = (tool: string, environment: string) => `${tool}\u0000${environment}`;

function pairFacts(row: FactsRow, policy: Policy): PairFacts {
  if (!row.toolId) return { found: false, missing: "tool" };
  if (!row.environmentId) return { found: false, missing: "environment" };
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
  return {
    found: true,
    toolId: row.toolId,
    environmentId: row.environmentId,
    facts: {
      tool: { slug: row.slug!, name: row.name!, status: row.status! },
      environment: { name: row.environment!, tier: row.tier!, dataSensitivity: row.dataSensitivity!, criticalPath: row.criticalPath! },
      grants,
      links,
      policy,
    },
  };
}

/** One round trip, one snapshot: the chain's head, whether anything a decision reads changed since event `seen`, and the facts of `pairs`. */
async function readFacts(pairs: { tool: string; environment: string }[], seen: bigint) {
  const [state] = await prisma().$queryRaw<{ head: bigint; changed: boolean; policy: unknown; pairs: (FactsRow & { n: number })[] | null }[]>`
    WITH head AS (SELECT COALESCE((SELECT max(id) FROM "AuditEvent"), 0) AS id),
    state AS (
      SELECT head.id AS head,
             ${seen} < 0 OR head.id - ${seen} > ${UNSEEN_EVENTS_LIMIT}
               OR EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a.id > ${seen} AND a.entity <> ALL(${INERT_AUDIT_ENTITIES}::text[])) AS changed
      FROM head
    )
    SELECT state.head, state.changed,
           CASE WHEN state.changed THEN (SELECT policy FROM "PolicyVersion" ORDER BY id DESC LIMIT 1) END AS policy,
           (SELECT json_agg(pair) FROM (
              SELECT q.n, t.id AS "toolId", t.slug, t.name, t.status, e.id AS "environmentId", e.name AS environment, e.tier, e."dataSensitivity", e."criticalPath",
                     COALESCE((SELECT json_agg(json_build_object('id', g.id, 'maxAutonomy', g."maxAutonomy", 'capabilities', g.capabilities, 'status', g.status,
                                 'expiresAt', (extract(epoch FROM g."expiresAt") * 1000)::bigint, 'decidedAt', (extract(epoch FROM g."decidedAt") * 1000)::bigint, 'createdAt', (extract(epoch FROM g."createdAt") * 1000)::bigint))
                               FROM "Grant" g WHERE g."toolId" = t.id AND g."environmentId" = e.id), '[]') AS grants,
                     COALESCE((SELECT json_agg(json_build_object('incidentKey', i.key, 'severity', i.severity, 'startedAt', (extract(epoch FROM i."startedAt") * 1000)::bigint, 'role', l.role))
                               FROM "IncidentTool" l JOIN "Incident" i ON i.id = l."incidentId" WHERE l."toolId" = t.id), '[]') AS links
              FROM unnest(${pairs.map((q) => q.tool)}::text[], ${pairs.map((q) => q.environment)}::text[]) WITH ORDINALITY AS q(tool, environment, n)
              LEFT JOIN "AiTool" t ON t.slug = q.tool
              LEFT JOIN "Environment" e ON e.name = q.environment) pair) AS pairs
    FROM state`;
  return state;
}

/**
 * Concurrent questions share one round trip (lib/db/coalesce.ts), and pairs already known are
 * answered from the cache once that round trip has shown nothing they depend on changed: each
 * answer still reads the register as it stands after its question arrived.
 */
const factsOf = coalesce(async (questions: { tool: string; environment: string }[]): Promise<Settled<PairFacts>[]> => {
  const answers = new Map<string, PairFacts>();
  let unanswered = [...new Map(questions.map((q) => [pairKey(q.tool, q.environment), q])).entries()];
  // At most twice: a change empties the cache, so the second round trip reads every pair left afresh.
  while (unanswered.length) {
    const toRead = unanswered.filter(([key]) => !cache.pairs.has(key));
    const state = await readFacts(toRead.map(([, question]) => question), cache.seenAuditId);
    if (state.changed) cache.policy = storedPolicy(state.policy);
    if (state.changed || cache.pairs.size > MAX_CACHED_PAIRS) cache.pairs = new Map();
    cache.seenAuditId = BigInt(state.head);
    for (const row of state.pairs ?? []) {
      const [key] = toRead[row.n - 1];
      const facts = pairFacts(row, cache.policy);
      cache.pairs.set(key, facts);
      answers.set(key, facts);
    }
    for (const [key] of unanswered) if (!answers.has(key) && cache.pairs.has(key)) answers.set(key, cache.pairs.get(key)!);
    unanswered = unanswered.filter(([key]) => !answers.has(key));
  }
  return questions.map((q) => ({ value: answers.get(pairKey(q.tool, q.environment))! }));
});

/**
 * Denials counted per pair, many requests' worth in one statement (in key order, so two processes
 * cannot deadlock). The statement commits without waiting for the disk (synchronous_commit off for
 * it alone): a count is a figure, not a record anyone was told is kept, and only a crash of the
 * database server itself within its next WAL flush could lose the latest.
 */
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
    FROM unnest(${rows.map((r) => r.toolId)}::text[], ${rows.map((r) => r.environmentId)}::text[], ${rows.map((r) => r.count)}::int[]) WITH ORDINALITY AS v(tool_id, environment_id, count, n),
         (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed
    ORDER BY v.n
    ON CONFLICT ("toolId", "environmentId") DO UPDATE SET count = "DeniedAttempt".count + EXCLUDED.count, "lastAt" = EXCLUDED."lastAt"`;
  return pairs.map(() => ({ value: undefined }));
});

export async function authorizeAction(actor: Actor, request: AuthorizeRequestInput): Promise<AuthorizeDecisionDto> {
  authorize(actor, "register:read");
  const pair = await factsOf({ tool: request.tool, environment: request.environment });
  if (!pair.found) throw notFound(pair.missing === "tool" ? `Tool "${request.tool}"` : `Environment "${request.environment}"`);
  const now = request.at ? new Date(request.at) : new Date();
  const decision = decideAction({ ...pair.facts, now }, request);
  if (!decision.allowed && Math.abs(now.getTime() - Date.now()) < ATTEMPT_SKEW_MS) {
    // Counted, not audited: a runtime may ask thousands of times, and the answer changed nothing.
    await countDenials({ toolId: pair.toolId, environmentId: pair.environmentId });
  }
  return decision;
}
