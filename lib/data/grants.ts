// Grants: requests, decisions under the risk-based approval matrix, revocation. The rules are the
// policy's (lib/policy/approvals.ts); this module only reads, locks, writes and audits.
import "server-only";
import { reviewDueAt, reviewOverdueAt } from "@/lib/policy/access-reviews";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma, type Db, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { DecisionEligibility, GrantDto, GrantView } from "@/lib/dto/grants";
import type { Page } from "@/lib/dto/page";
import {
  effectiveGrantStatus,
  evaluateDecision,
  grantApprovalProgress,
  grantStanding,
  grantStatusNow,
  requiredApprovals,
  type PairGrant,
  type RecordedDecision,
  type RequiredApprovals,
} from "@/lib/policy/approvals";
import type { Policy } from "@/lib/policy/policy";
import { DAY_MS } from "@/lib/policy/time";
import { emitEvents } from "./outbox";
import { policyInForce } from "./policy";
import type { CapabilityClass } from "@/lib/policy/types";
import type { GrantDecisionInput, GrantListQuery, GrantRequestInput } from "@/lib/validation/grants.validation";
import { pageWindow } from "./page-window";

const grantInclude = {
  tool: { select: { slug: true, name: true } },
  environment: { select: { name: true, tier: true, dataSensitivity: true, criticalPath: true } },
  requester: { select: { id: true, email: true, name: true } },
  decisions: { include: { reviewer: { select: { id: true, email: true, name: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.GrantInclude;

type GrantRow = Prisma.GrantGetPayload<{ include: typeof grantInclude }>;
type ClassOf = Map<string, CapabilityClass>;
type Reader = Db | Tx;

// What the approval matrix needs besides the grant: its capabilities' classes and the policy in force.
interface RuleContext {
  classOf: ClassOf;
  policy: Policy;
}

async function ruleContext(db: Reader, keys: string[]): Promise<RuleContext> {
  const rows = await db.capability.findMany({ where: { key: { in: [...new Set(keys)] } }, select: { key: true, class: true } });
  return { classOf: new Map(rows.map((c) => [c.key, c.class])), policy: (await policyInForce(db)).policy };
}

const approvalWords = (required: RequiredApprovals) =>
  `${required.count === 1 ? "one approval" : "two approvals"}${required.seniorRequired ? ", one of them senior" : ""}`;

function requiredFor(grant: Pick<GrantRow, "environment" | "maxAutonomy" | "capabilities">, rules: RuleContext): RequiredApprovals {
  return requiredApprovals(
    {
      environment: grant.environment,
      maxAutonomy: grant.maxAutonomy,
      capabilityClasses: grant.capabilities.flatMap((key) => rules.classOf.get(key) ?? []),
    },
    rules.policy,
  );
}

function recorded(grant: GrantRow): RecordedDecision[] {
  return grant.decisions.map((d) => ({ reviewerId: d.reviewerId, senior: d.senior, decision: d.decision }));
}

const pairKey = (toolId: string, environmentId: string) => `${toolId}\u0000${environmentId}`;

// What a grant's status now reads of it and of the other grants for its tool and environment.
const pairGrantSelect = {
  id: true,
  toolId: true,
  environmentId: true,
  status: true,
  expiresAt: true,
  decidedAt: true,
  createdAt: true,
  tool: { select: { slug: true } },
  environment: { select: { name: true } },
} satisfies Prisma.GrantSelect;

type PairGrantRow = Prisma.GrantGetPayload<{ select: typeof pairGrantSelect }>;

function pairGrant(g: Pick<PairGrantRow, "id" | "status" | "expiresAt" | "decidedAt" | "createdAt" | "tool" | "environment">): PairGrant {
  return { id: g.id, status: g.status, expiresAt: g.expiresAt, decidedAt: g.decidedAt, createdAt: g.createdAt, toolSlug: g.tool.slug, environment: g.environment.name };
}

/** The grants that may govern each tool × environment pair of `rows` (approved, expired or revoked ones). */
async function pairGrantsFor(db: Reader, rows: GrantRow[]): Promise<Map<string, PairGrant[]>> {
  const pairs = [...new Map(rows.map((r) => [pairKey(r.toolId, r.environmentId), { toolId: r.toolId, environmentId: r.environmentId }])).values()];
  const byPair = new Map<string, PairGrant[]>();
  if (pairs.length === 0) return byPair;
  const grants = await db.grant.findMany({ where: { OR: pairs, status: { in: ["APPROVED", "EXPIRED", "REVOKED"] } }, select: pairGrantSelect });
  for (const g of grants) {
    const key = pairKey(g.toolId, g.environmentId);
    byPair.set(key, [...(byPair.get(key) ?? []), pairGrant(g)]);
  }
  return byPair;
}

function toDto(grant: GrantRow, rules: RuleContext, pairGrants: PairGrant[], now: Date): GrantDto {
  const required = requiredFor(grant, rules);
  const { effectiveStatus, supersededBy } = grantStatusNow(pairGrant(grant), pairGrants, now);
  return {
    id: grant.id,
    tool: grant.tool.slug,
    toolName: grant.tool.name,
    environment: grant.environment.name,
    maxAutonomy: grant.maxAutonomy,
    capabilities: grant.capabilities,
    justification: grant.justification,
    status: grant.status,
    effectiveStatus,
    supersededBy,
    expiresAt: grant.expiresAt,
    createdAt: grant.createdAt,
    decidedAt: grant.decidedAt,
    revokedAt: grant.revokedAt,
    ageDays: Math.max(0, Math.floor((now.getTime() - grant.createdAt.getTime()) / DAY_MS)),
    requester: grant.requester.email,
    requesterName: grant.requester.name,
    risk: {
      tier: grant.environment.tier,
      dataSensitivity: grant.environment.dataSensitivity,
      criticalPath: grant.environment.criticalPath,
      capabilities: grant.capabilities.map((key) => ({ key, class: rules.classOf.get(key) ?? null })),
    },
    requiredApprovals: required,
    progress: grantApprovalProgress({ requesterId: grant.requesterId, required }, recorded(grant)),
    decisions: grant.decisions.map((d) => ({
      reviewer: d.reviewer.email,
      reviewerName: d.reviewer.name,
      decision: d.decision,
      comment: d.comment,
      senior: d.senior,
      at: d.createdAt,
    })),
    review:
      effectiveStatus === "APPROVED"
        ? { lastCertifiedAt: grant.lastCertifiedAt, dueAt: reviewDueAt(grant, grant.environment.tier, rules.policy), overdueAt: reviewOverdueAt(grant, grant.environment.tier, rules.policy) }
        : null,
  };
}

function eligibility(actor: Actor, grant: GrantRow, rules: RuleContext, now: Date): DecisionEligibility {
  const yourDecision = grant.decisions.find((d) => d.reviewerId === actor.id)?.decision ?? null;
  if (!can(actor.role, "grant:decide")) return { canDecide: false, code: null, reason: null, yourDecision };
  const outcome = evaluateDecision({
    grant: { status: grant.status, requesterId: grant.requesterId, expiresAt: grant.expiresAt, required: requiredFor(grant, rules) },
    decisions: recorded(grant),
    reviewer: { id: actor.id, role: actor.role, senior: actor.senior, active: true },
    decision: "APPROVE",
    now,
  });
  return outcome.ok ? { canDecide: true, code: null, reason: null, yourDecision } : { canDecide: false, code: outcome.error.code, reason: outcome.error.message, yourDecision };
}

async function dtos(db: Reader, rows: GrantRow[], now: Date) {
  const rules = await ruleContext(db, rows.flatMap((r) => r.capabilities));
  const pairGrants = await pairGrantsFor(db, rows);
  return { rules, list: rows.map((row) => toDto(row, rules, pairGrants.get(pairKey(row.toolId, row.environmentId)) ?? [], now)) };
}

// ---- Reading ----------------------------------------------------------------------------------

function whereFor(query: GrantListQuery, now: Date): Prisma.GrantWhereInput {
  const where: Prisma.GrantWhereInput[] = [];
  if (query.tool) where.push({ tool: { slug: query.tool } });
  if (query.environment) where.push({ environment: { name: query.environment } });
  if (query.capability) where.push({ capabilities: { has: query.capability } });
  // The status filter matches the effective status, so an approved grant past its expiry is EXPIRED.
  const inForce: Prisma.GrantWhereInput = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  if (query.status === "APPROVED") where.push({ status: "APPROVED" }, inForce);
  else if (query.status === "EXPIRED") where.push({ OR: [{ status: "EXPIRED" }, { status: "APPROVED", expiresAt: { lte: now } }] });
  else if (query.status) where.push({ status: query.status });
  return { AND: where };
}

function orderFor(query: GrantListQuery): Prisma.GrantOrderByWithRelationInput[] {
  const dir = query.dir;
  const primary: Record<GrantListQuery["sort"], Prisma.GrantOrderByWithRelationInput> = {
    createdAt: { createdAt: dir },
    tool: { tool: { name: dir } },
    environment: { environment: { name: dir } },
    tier: { environment: { tier: dir } },
    status: { status: dir },
    expiresAt: { expiresAt: { sort: dir, nulls: "last" } },
  };
  return [primary[query.sort], { createdAt: "asc" }, { id: "asc" }];
}

// `all` returns every row of the filtered, sorted view as one page (the CSV export of the queue).
async function grantPage(actor: Actor, query: GrantListQuery, now: Date, all = false): Promise<{ page: Page<GrantDto>; rows: GrantRow[]; rules: RuleContext }> {
  authorize(actor, "register:read");
  const db = prisma();
  const where = whereFor(query, now);
  const total = await db.grant.count({ where });
  const { skip, ...paging } = pageWindow(total, query, all);
  const rows = await db.grant.findMany({ where, include: grantInclude, orderBy: orderFor(query), skip, take: paging.pageSize });
  const { rules, list } = await dtos(db, rows, now);
  return { page: { rows: list, total, ...paging }, rows, rules };
}

export async function listGrants(actor: Actor, query: GrantListQuery, now = new Date(), { all = false }: { all?: boolean } = {}): Promise<Page<GrantDto>> {
  return (await grantPage(actor, query, now, all)).page;
}

/** The reviewers' queue: the same page, with whether the person looking may decide on each. */
export async function grantQueue(actor: Actor, query: GrantListQuery, now = new Date()): Promise<Page<GrantView>> {
  const { page, rows, rules } = await grantPage(actor, query, now);
  return { ...page, rows: page.rows.map((dto, i) => ({ ...dto, viewer: eligibility(actor, rows[i], rules, now) })) };
}

async function loadGrant(db: Reader, id: string): Promise<GrantRow> {
  const grant = await db.grant.findUnique({ where: { id }, include: grantInclude });
  if (!grant) throw notFound(`Grant "${id}"`);
  return grant;
}

async function grantDto(db: Reader, id: string, now: Date): Promise<GrantDto> {
  return (await dtos(db, [await loadGrant(db, id)], now)).list[0];
}

export async function getGrant(actor: Actor, id: string, now = new Date()): Promise<GrantDto> {
  authorize(actor, "register:read");
  return grantDto(prisma(), id, now);
}

export async function getGrantView(actor: Actor, id: string, now = new Date()): Promise<GrantView> {
  authorize(actor, "register:read");
  const db = prisma();
  const row = await loadGrant(db, id);
  const { rules, list } = await dtos(db, [row], now);
  return { ...list[0], viewer: eligibility(actor, row, rules, now) };
}

// ---- Writing ----------------------------------------------------------------------------------

const DORMANT_TOOL_STATUSES = ["SUSPENDED", "RETIRED"];

export async function requestGrant(actor: Actor, input: GrantRequestInput, now = new Date()): Promise<GrantDto> {
  authorize(actor, "grant:request");
  return prisma().$transaction(async (tx) => {
    const tool = await tx.aiTool.findUnique({ where: { slug: input.tool }, select: { id: true, slug: true, status: true, modes: true } });
    const environment = await tx.environment.findUnique({ where: { name: input.environment } });
    const rules = await ruleContext(tx, input.capabilities);
    const problems: { field: string; message: string }[] = [];
    if (!tool) problems.push({ field: "tool", message: `unknown tool "${input.tool}"` });
    else if (DORMANT_TOOL_STATUSES.includes(tool.status)) problems.push({ field: "tool", message: `${tool.slug} is ${tool.status}: it gets no new access` });
    else if (input.maxAutonomy !== "OFF" && !tool.modes.includes(input.maxAutonomy)) {
      problems.push({ field: "maxAutonomy", message: `${tool.slug} has no ${input.maxAutonomy} mode (it supports ${tool.modes.join(", ") || "none"})` });
    }
    if (!environment) problems.push({ field: "environment", message: `unknown environment "${input.environment}"` });
    input.capabilities.forEach((key, index) => {
      if (!rules.classOf.has(key)) problems.push({ field: `capabilities.${index}`, message: `unknown capability "${key}"` });
    });
    if (problems.length || !tool || !environment) {
      throw new AppError("UNPROCESSABLE", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
    }

    const grant = await tx.grant.create({
      data: {
        toolId: tool.id,
        environmentId: environment.id,
        maxAutonomy: input.maxAutonomy,
        capabilities: input.capabilities,
        justification: input.justification,
        expiresAt: input.expiresAt,
        requesterId: actor.id,
        createdAt: now,
      },
      include: grantInclude,
    });
    const required = requiredFor(grant, rules);
    await recordAudit(tx, actor, {
      action: "grant.requested",
      entity: "Grant",
      entityId: grant.id,
      after: {
        tool: tool.slug,
        environment: environment.name,
        maxAutonomy: grant.maxAutonomy,
        capabilities: grant.capabilities,
        justification: grant.justification,
        expiresAt: grant.expiresAt,
        status: grant.status,
        requiredApprovals: required,
      },
    });
    await emitEvents(tx, [
      {
        type: "grant.requested",
        at: now,
        summary: `${actor.email} asks for ${tool.slug} in ${environment.name} up to ${grant.maxAutonomy}: it needs ${approvalWords(required)}.`,
        subject: { tool: tool.slug, environment: environment.name },
        links: { grant: `/grants/${grant.id}`, queue: "/grants" },
        details: { grant: grant.id, requester: actor.email, maxAutonomy: grant.maxAutonomy, capabilities: grant.capabilities, expiresAt: grant.expiresAt, requiredApprovals: required },
      },
    ]);
    return (await dtos(tx, [grant], now)).list[0];
  });
}

/** Takes the grant's row lock for the rest of the transaction: decisions and revocations queue up here. */
async function lockGrant(tx: Tx, id: string): Promise<GrantRow> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Grant" WHERE "id" = ${id} FOR UPDATE`;
  if (locked.length === 0) throw notFound(`Grant "${id}"`);
  // Read after the lock: in READ COMMITTED each statement sees what committed before it began.
  return loadGrant(tx, id);
}

export interface WriteOptions {
  /** The client to use (tests race two of them); the app's by default. */
  db?: Db;
  now?: Date;
}

/**
 * One reviewer's decision. Locks the grant, re-reads its decisions, asks the policy, then writes the
 * decision, the status and the audit event in the same transaction; refused decisions write nothing.
 */
export async function decideGrant(actor: Actor, id: string, input: GrantDecisionInput, options: WriteOptions = {}): Promise<GrantDto> {
  authorize(actor, "grant:decide");
  const now = options.now ?? new Date();
  return (options.db ?? prisma()).$transaction(async (tx) => {
    const grant = await lockGrant(tx, id);
    // Role, seniority and the active flag as they are now, not as the session remembered them.
    const reviewer = await tx.user.findUnique({ where: { id: actor.id }, select: { id: true, role: true, senior: true, active: true } });
    if (!reviewer) throw new AppError("UNAUTHENTICATED", "The acting user no longer exists.");
    const rules = await ruleContext(tx, grant.capabilities);
    const required = requiredFor(grant, rules);
    const outcome = evaluateDecision({
      grant: { status: grant.status, requesterId: grant.requesterId, expiresAt: grant.expiresAt, required },
      decisions: recorded(grant),
      reviewer,
      decision: input.decision,
      now,
    });
    if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message, { grant: id, status: grant.status });

    await tx.decision.create({
      data: { grantId: id, reviewerId: reviewer.id, decision: input.decision, comment: input.comment, senior: reviewer.senior, createdAt: now },
    });
    if (outcome.nextStatus !== grant.status) {
      await tx.grant.update({ where: { id }, data: { status: outcome.nextStatus, decidedAt: now } });
    }
    const before = grantApprovalProgress({ requesterId: grant.requesterId, required }, recorded(grant));
    await recordAudit(tx, actor, {
      action: `grant.decision.${input.decision.toLowerCase()}`,
      entity: "Grant",
      entityId: id,
      before: { status: grant.status, approvals: before.approvals, seniorApprovals: before.seniorApprovals },
      after: {
        status: outcome.nextStatus,
        decision: input.decision,
        comment: input.comment,
        reviewerSenior: reviewer.senior,
        approvals: outcome.approvals,
        seniorApprovals: outcome.seniorApprovals,
        requiredApprovals: required,
      },
    });
    if (outcome.nextStatus === "APPROVED") await recordSuperseded(tx, actor, grant, now);
    if (outcome.nextStatus !== grant.status && (outcome.nextStatus === "APPROVED" || outcome.nextStatus === "DENIED")) {
      await emitEvents(tx, [
        {
          type: "grant.decided",
          at: now,
          summary: `${grant.tool.slug}'s grant in ${grant.environment.name} (${grant.maxAutonomy}) was ${outcome.nextStatus.toLowerCase()} by ${actor.email}.`,
          subject: { tool: grant.tool.slug, environment: grant.environment.name },
          links: { grant: `/grants/${id}` },
          details: { grant: id, status: outcome.nextStatus, decidedBy: actor.email, comment: input.comment, maxAutonomy: grant.maxAutonomy, capabilities: grant.capabilities },
        },
      ]);
    }
    return grantDto(tx, id, now);
  });
}

/**
 * A newly approved grant supersedes the grant that governed the tool in that environment until now,
 * if one was in force. Its stored status stays APPROVED (the policy's latest-approved rule already makes
 * the new one govern, and a change deployed while an old grant governed is still judged by it); it gets
 * one audit event. Older approved grants were superseded when the one after them was approved, and a
 * grant once superseded never governs again, so each is superseded once.
 */
async function recordSuperseded(tx: Tx, actor: Actor, grant: GrantRow, now: Date): Promise<void> {
  const others = await tx.grant.findMany({
    where: { toolId: grant.toolId, environmentId: grant.environmentId, status: { in: ["APPROVED", "EXPIRED", "REVOKED"] }, id: { not: grant.id } },
    select: { id: true, maxAutonomy: true, capabilities: true, status: true, expiresAt: true, decidedAt: true, createdAt: true },
  });
  const standing = grantStanding(others, now);
  if (standing.state !== "VALID") return;
  const old = standing.grant;
  await recordAudit(tx, actor, {
    action: "grant.superseded",
    entity: "Grant",
    entityId: old.id,
    before: { inForce: true, maxAutonomy: old.maxAutonomy, capabilities: old.capabilities, expiresAt: old.expiresAt },
    after: { inForce: false, supersededBy: grant.id, tool: grant.tool.slug, environment: grant.environment.name },
  });
}

export async function revokeGrant(actor: Actor, id: string, reason: string, options: WriteOptions = {}): Promise<GrantDto> {
  authorize(actor, "grant:revoke");
  const now = options.now ?? new Date();
  return (options.db ?? prisma()).$transaction(async (tx) => {
    const grant = await lockGrant(tx, id);
    const status = effectiveGrantStatus(grant, now);
    if (status !== "APPROVED") {
      throw new AppError("GRANT_NOT_APPROVED", `The grant is ${status}: only an approved grant in force can be revoked.`, { grant: id, status });
    }
    await tx.grant.update({ where: { id }, data: { status: "REVOKED", revokedAt: now } });
    await recordAudit(tx, actor, {
      action: "grant.revoked",
      entity: "Grant",
      entityId: id,
      before: { status: grant.status },
      after: { status: "REVOKED", reason, tool: grant.tool.slug, environment: grant.environment.name },
    });
    return grantDto(tx, id, now);
  });
}
