// Access reviews: the queue of approved grants due for recertification, and the reviewer's "still
// needed". When a grant is due is the policy's (lib/policy/access-reviews.ts); the queue asks the same
// question in SQL so that it pages through a large register without loading every grant. Revoking
// from the queue is the grant's own revocation (./grants.ts).
import { now } from "@/lib/clock";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { prisma, type Db } from "@/lib/db/client";
import type { CertificationResultDto, DueGrantDto } from "@/lib/dto/access-reviews";
import type { Page } from "@/lib/dto/page";
import { AppError, notFound } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { certificationProblem, reviewDueAt, reviewOverdueAt } from "@/lib/policy/access-reviews";
import { DAY_MS } from "@/lib/policy/time";
import type { Policy } from "@/lib/policy/policy";
import { TIERS, type Autonomy, type Tier } from "@/lib/policy/types";
import type { CertificationInput, ReviewQueueQuery } from "@/lib/validation/access-reviews.validation";
import { pageWindow } from "./page-window";
import { policyInForce } from "./policy";

interface DueRow {
  id: string;
  tool: string;
  toolName: string;
  environment: string;
  tier: Tier;
  maxAutonomy: Autonomy;
  capabilities: string[];
  requester: string;
  requesterName: string;
  decidedAtMs: bigint;
  lastCertifiedAtMs: bigint | null;
  dueAtMs: bigint;
}

// Times as epoch milliseconds: the columns are zone-less UTC, and a parameter's zone is the session's.
const epoch = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::bigint`;

/**
 * The approved grants in force whose review is due at `at` (a FROM … WHERE clause over g, t, e, u),
 * and the expression of each one's due moment; with `dueSince`, only those that fell due after it.
 */
function dueGrants(policy: Policy, at: number, { overdueOnly = false, dueSince }: { overdueOnly?: boolean; dueSince?: number } = {}) {
  const periodMs = Prisma.sql`(CASE e.tier::text ${Prisma.join(
    TIERS.map((tier) => Prisma.sql`WHEN ${tier} THEN ${policy.reviews.periodDays[tier] * DAY_MS}::bigint`),
    " ",
  )} END)`;
  const reviewedMs = epoch(Prisma.sql`COALESCE(g."lastCertifiedAt", g."decidedAt", g."createdAt")`);
  const dueMs = Prisma.sql`(${reviewedMs} + ${periodMs})`;
  const overdue = overdueOnly ? Prisma.sql`AND ${dueMs} + ${policy.reviews.graceDays * DAY_MS}::bigint <= ${at}::bigint` : Prisma.empty;
  const since = dueSince === undefined ? Prisma.empty : Prisma.sql`AND ${dueMs} > ${dueSince}::bigint`;
  // A later approved grant of the same pair governs instead (the grants page calls it superseded).
  const from = Prisma.sql`
    FROM "Grant" g
    JOIN "AiTool" t ON t.id = g."toolId"
    JOIN "Environment" e ON e.id = g."environmentId"
    JOIN "User" u ON u.id = g."requesterId"
    WHERE g.status = 'APPROVED'
      AND (g."expiresAt" IS NULL OR ${epoch(Prisma.sql`g."expiresAt"`)} > ${at}::bigint)
      AND ${dueMs} <= ${at}::bigint
      AND NOT EXISTS (
        SELECT 1 FROM "Grant" later
        WHERE later."toolId" = g."toolId" AND later."environmentId" = g."environmentId" AND later.status = 'APPROVED'
          AND later."decidedAt" > g."decidedAt"
          AND (later."expiresAt" IS NULL OR ${epoch(Prisma.sql`later."expiresAt"`)} > ${at}::bigint)
      )
      ${overdue} ${since}`;
  return { from, dueMs };
}

/** The grants that fell due within the grace before `at` (at most `limit`), for the review.due notification. */
export async function grantsFallenDue(db: Db, at: Date, limit: number): Promise<{ id: string; tool: string; environment: string; dueAt: Date; overdueAt: Date }[]> {
  const { policy } = await policyInForce(db);
  const graceMs = policy.reviews.graceDays * DAY_MS;
  const { from, dueMs } = dueGrants(policy, at.getTime(), { dueSince: at.getTime() - graceMs });
  const rows = await db.$queryRaw<{ id: string; tool: string; environment: string; dueAtMs: bigint }[]>`
    SELECT g.id, t.slug AS tool, e.name AS environment, ${dueMs} AS "dueAtMs" ${from} ORDER BY "dueAtMs" ASC, g.id ASC LIMIT ${limit}`;
  return rows.map(({ dueAtMs, ...row }) => ({ ...row, dueAt: new Date(Number(dueAtMs)), overdueAt: new Date(Number(dueAtMs) + graceMs) }));
}

/** The approved grants in force whose review is due at the register's clock, most overdue first. */
export async function reviewQueue(actor: Actor, query: ReviewQueueQuery): Promise<Page<DueGrantDto>> {
  authorize(actor, "register:read");
  const at = now().getTime();
  const db = prisma();
  const { policy } = await policyInForce(db);
  const { from: due, dueMs } = dueGrants(policy, at, { overdueOnly: query.overdue === "true" });
  const [{ total }] = await db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total ${due}`;
  const { skip, ...paging } = pageWindow(Number(total), query);
  const rows = await db.$queryRaw<DueRow[]>`
    SELECT g.id, t.slug AS tool, t.name AS "toolName", e.name AS environment, e.tier::text AS tier, g."maxAutonomy"::text AS "maxAutonomy",
           g.capabilities, u.email AS requester, u.name AS "requesterName",
           ${epoch(Prisma.sql`COALESCE(g."decidedAt", g."createdAt")`)} AS "decidedAtMs",
           ${epoch(Prisma.sql`g."lastCertifiedAt"`)} AS "lastCertifiedAtMs",
           ${dueMs} AS "dueAtMs"
    ${due}
    ORDER BY "dueAtMs" ASC, g.id ASC
    OFFSET ${skip} LIMIT ${paging.pageSize}`;
  const graceMs = policy.reviews.graceDays * DAY_MS;
  return {
    rows: rows.map(({ decidedAtMs, lastCertifiedAtMs, dueAtMs, ...row }) => ({
      ...row,
      decidedAt: new Date(Number(decidedAtMs)),
      lastCertifiedAt: lastCertifiedAtMs === null ? null : new Date(Number(lastCertifiedAtMs)),
      dueAt: new Date(Number(dueAtMs)),
      overdueAt: new Date(Number(dueAtMs) + graceMs),
      overdue: Number(dueAtMs) + graceMs <= at,
    })),
    total: Number(total),
    ...paging,
  };
}

/** A reviewer certifies that an approved grant is still needed: never its requester. */
export async function certifyGrant(actor: Actor, grantId: string, input: CertificationInput): Promise<CertificationResultDto> {
  authorize(actor, "grant:decide");
  const at = now();
  return prisma().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Grant" WHERE id = ${grantId} FOR UPDATE`;
    if (!locked.length) throw notFound(`Grant "${grantId}"`);
    const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId }, include: { tool: { select: { slug: true } }, environment: { select: { name: true, tier: true } } } });
    const problem = certificationProblem(grant, actor, at);
    if (problem) throw new AppError(problem.code, `${problem.message[0].toUpperCase()}${problem.message.slice(1)}.`, { grant: grantId });
    const { policy } = await policyInForce(tx);
    const certification = await tx.grantCertification.create({ data: { grantId, reviewerId: actor.id, comment: input.comment, createdAt: at } });
    await tx.grant.update({ where: { id: grantId }, data: { lastCertifiedAt: at } });
    const wasDue = reviewDueAt(grant, grant.environment.tier, policy);
    await recordAudit(tx, actor, {
      action: "grant.certified",
      entity: "Grant",
      entityId: grantId,
      before: { lastCertifiedAt: grant.lastCertifiedAt, dueAt: wasDue },
      after: { lastCertifiedAt: at, comment: input.comment, tool: grant.tool.slug, environment: grant.environment.name, overdue: at.getTime() >= reviewOverdueAt(grant, grant.environment.tier, policy).getTime() },
    });
    return { grant: grantId, tool: grant.tool.slug, environment: grant.environment.name, reviewer: actor.email, comment: certification.comment, at, nextDueAt: reviewDueAt({ ...grant, lastCertifiedAt: at }, grant.environment.tier, policy) };
  });
}
