// Risk acceptances: a security reviewer accepts an open finding for a while (a CRITICAL one with a
// second, senior reviewer's confirmation). Whether one holds is read at the register's clock
// (lib/clock.ts) by lib/policy/exceptions.ts; nothing is written when one expires or its finding
// gets worse, so every app process agrees and nothing is left to a timer.
import { now } from "@/lib/clock";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { prisma, type Tx } from "@/lib/db/client";
import type { AcceptanceDto, ExceptionDto } from "@/lib/dto/exceptions";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { confirmationProblem, exceptionState, expiryProblem, needsSecondReviewer, type ExceptionState } from "@/lib/policy/exceptions";
import { formatDay } from "@/lib/policy/time";
import type { FindingRule, Severity } from "@/lib/policy/types";
import type { RegisterEvent } from "@/lib/notifications/events";
import type { ExceptionCreateInput } from "@/lib/validation/exceptions.validation";
import { findingIdSchema } from "@/lib/validation/findings.validation";
import { emitEvents } from "./outbox";
import { policyInForce } from "./policy";

const personSelect = { select: { email: true, name: true } } as const;
const exceptionInclude = {
  owner: personSelect,
  proposedBy: personSelect,
  confirmedBy: personSelect,
  finding: { select: { id: true, rule: true, toolSlug: true, environmentName: true, severity: true, explanation: true, openedAt: true, resolvedAt: true } },
} satisfies Prisma.FindingExceptionInclude;
type ExceptionRow = Prisma.FindingExceptionGetPayload<{ include: typeof exceptionInclude }>;

const stateOf = (row: ExceptionRow, at: Date): ExceptionState => exceptionState(row, row.finding, at);

function exceptionDto(row: ExceptionRow, at: Date): ExceptionDto {
  const { finding } = row;
  return {
    id: row.id,
    finding: { id: finding.id, rule: finding.rule, tool: finding.toolSlug, environment: finding.environmentName, severity: finding.severity },
    reason: row.reason,
    owner: row.owner,
    proposedBy: row.proposedBy,
    proposedAt: row.createdAt,
    expiresAt: row.expiresAt,
    needsConfirmation: row.needsConfirmation,
    confirmedBy: row.confirmedBy,
    confirmedAt: row.confirmedAt,
    acceptedSeverity: row.acceptedSeverity,
    state: stateOf(row, at),
  };
}

function acceptedEvent(row: ExceptionRow, at: Date): RegisterEvent {
  const { finding } = row;
  const by = row.confirmedBy ? `${row.proposedBy.email} and ${row.confirmedBy.email}` : row.proposedBy.email;
  return {
    type: "finding.accepted",
    at,
    summary: `${finding.rule} for ${finding.toolSlug} in ${finding.environmentName} is accepted until ${formatDay(row.expiresAt)} by ${by}; ${row.owner.email} owns the risk.`,
    subject: { tool: finding.toolSlug, environment: finding.environmentName, severity: finding.severity },
    links: { finding: `/findings/${finding.id}`, exceptions: "/exceptions" },
    details: { finding: finding.id, rule: finding.rule, exception: row.id, reason: row.reason, owner: row.owner.email, acceptedBy: by, expiresAt: row.expiresAt },
  };
}

/** Exceptions not yet expired, with their findings: the only ones that can hold (a few hundred at most). */
async function unexpired(db: Tx | ReturnType<typeof prisma>, at: Date, where: Prisma.FindingExceptionWhereInput = {}): Promise<ExceptionRow[]> {
  return db.findingException.findMany({ where: { ...where, expiresAt: { gt: at } }, include: exceptionInclude, orderBy: { createdAt: "asc" } });
}

export interface InForce {
  acceptance: AcceptanceDto;
  finding: { id: string; rule: FindingRule; tool: string; environment: string; severity: Severity };
}

/** The exceptions in force now, by finding id; of the given findings only, when named. */
export async function exceptionsInForce(findingIds?: string[]): Promise<Map<string, InForce>> {
  const at = now();
  const rows = await unexpired(prisma(), at, findingIds ? { findingId: { in: findingIds } } : {});
  const held = new Map<string, InForce>();
  for (const row of rows) {
    if (stateOf(row, at) !== "IN_FORCE") continue;
    const by = row.confirmedBy ? `${row.proposedBy.name} and ${row.confirmedBy.name}` : row.proposedBy.name;
    held.set(row.findingId, {
      acceptance: { exceptionId: row.id, until: row.expiresAt, by, owner: row.owner.name },
      finding: { id: row.finding.id, rule: row.finding.rule, tool: row.finding.toolSlug, environment: row.finding.environmentName, severity: row.finding.severity },
    });
  }
  return held;
}

/** Every exception, newest first, each with where it stands now (the Exceptions page, the API, the export). */
export async function listExceptions(actor: Actor, filter: { state?: ExceptionState; findingId?: string } = {}): Promise<ExceptionDto[]> {
  authorize(actor, "register:read");
  const at = now();
  const rows = await prisma().findingException.findMany({ where: filter.findingId ? { findingId: filter.findingId } : {}, include: exceptionInclude, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  const dtos = rows.map((row) => exceptionDto(row, at));
  return filter.state ? dtos.filter((dto) => dto.state === filter.state) : dtos;
}

async function openFindingOrThrow(tx: Tx, id: string) {
  const parsed = findingIdSchema.safeParse(id);
  // The finding's row lock serialises two reviewers accepting the same finding at once.
  const rows = parsed.success ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "FindingRecord" WHERE id = ${parsed.data} FOR UPDATE` : [];
  if (!rows.length) throw notFound(`Finding "${id}"`);
  return tx.findingRecord.findUniqueOrThrow({ where: { id: parsed.data! } });
}

/** The exceptions of one finding, newest first. */
export async function findingExceptions(actor: Actor, findingId: string): Promise<ExceptionDto[]> {
  authorize(actor, "register:read");
  const parsed = findingIdSchema.safeParse(findingId);
  if (!parsed.success || !(await prisma().findingRecord.findUnique({ where: { id: parsed.data }, select: { id: true } }))) throw notFound(`Finding "${findingId}"`);
  return listExceptions(actor, { findingId: parsed.data });
}

/**
 * Accepts an open finding: in force at once, or, for a CRITICAL finding, once a second senior
 * reviewer confirms. One live exception per finding: a second is refused while the first holds or awaits.
 */
export async function proposeException(actor: Actor, findingId: string, input: ExceptionCreateInput): Promise<ExceptionDto> {
  authorize(actor, "finding:accept");
  const at = now();
  return prisma().$transaction(async (tx) => {
    const finding = await openFindingOrThrow(tx, findingId);
    if (finding.resolvedAt) throw new AppError("UNPROCESSABLE", `This finding was resolved on ${formatDay(finding.resolvedAt)}: there is nothing to accept.`);
    const { policy } = await policyInForce(tx);
    const expiry = expiryProblem(input.expiresAt, at, policy.exceptions.maxDays);
    if (expiry) throw new AppError("VALIDATION", `expiresAt ${expiry}.`, [{ field: "expiresAt", message: expiry }]);
    const owner = await tx.user.findUnique({ where: { email: input.owner }, select: { id: true, active: true } });
    if (!owner?.active) throw new AppError("VALIDATION", `owner: no active user with email ${input.owner}.`, [{ field: "owner", message: `no active user with email ${input.owner}` }]);
    const live = (await unexpired(tx, at, { findingId: finding.id })).find((row) => ["IN_FORCE", "AWAITING_CONFIRMATION"].includes(stateOf(row, at)));
    if (live) throw new AppError("CONFLICT", `This finding is accepted already (until ${formatDay(live.expiresAt)}, by ${live.proposedBy.name}).`);

    const needsConfirmation = needsSecondReviewer(finding.severity);
    const created = await tx.findingException.create({
      data: {
        findingId: finding.id,
        reason: input.reason,
        ownerId: owner.id,
        expiresAt: input.expiresAt,
        proposedById: actor.id,
        createdAt: at,
        needsConfirmation,
        acceptedSeverity: finding.severity,
        acceptedExplanation: finding.explanation,
        acceptedOpenedAt: finding.openedAt,
      },
      include: exceptionInclude,
    });
    await recordAudit(tx, actor, {
      action: needsConfirmation ? "finding.acceptance_proposed" : "finding.accepted",
      entity: "FindingException",
      entityId: created.id,
      after: { finding: finding.id, tool: finding.toolSlug, environment: finding.environmentName, rule: finding.rule, severity: finding.severity, reason: input.reason, owner: input.owner, expiresAt: input.expiresAt },
    });
    if (!needsConfirmation) await emitEvents(tx, [acceptedEvent(created, at)]);
    return exceptionDto(created, at);
  });
}

/** A second, senior reviewer confirms a CRITICAL finding's exception; never its proposer. */
export async function confirmException(actor: Actor, findingId: string, exceptionId: string): Promise<ExceptionDto> {
  authorize(actor, "finding:accept");
  const at = now();
  return prisma().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "FindingException" WHERE id = ${exceptionId} AND "findingId" = ${findingId} FOR UPDATE`;
    if (!locked.length) throw notFound(`Exception "${exceptionId}" of finding "${findingId}"`);
    const row = await tx.findingException.findUniqueOrThrow({ where: { id: exceptionId }, include: exceptionInclude });
    const problem = confirmationProblem(row, actor);
    if (problem) throw new AppError(problem.code, `${problem.message[0].toUpperCase()}${problem.message.slice(1)}.`);
    const state = stateOf(row, at);
    if (state !== "AWAITING_CONFIRMATION") throw new AppError("CONFLICT", `This exception can no longer be confirmed: ${state === "EXPIRED" ? "it has expired" : state === "WORSENED" ? "the finding got worse since it was proposed" : "its finding was resolved"}.`);
    const confirmed = await tx.findingException.update({ where: { id: exceptionId }, data: { confirmedById: actor.id, confirmedAt: at }, include: exceptionInclude });
    await recordAudit(tx, actor, {
      action: "finding.accepted",
      entity: "FindingException",
      entityId: exceptionId,
      before: { confirmedBy: null },
      after: { finding: row.findingId, tool: row.finding.toolSlug, environment: row.finding.environmentName, confirmedBy: actor.email, proposedBy: row.proposedBy.email, expiresAt: row.expiresAt },
    });
    await emitEvents(tx, [acceptedEvent(confirmed, at)]);
    return exceptionDto(confirmed, at);
  });
}

/** What the accept form offers: the active people who may own the risk, and the latest expiry the policy allows. */
export async function acceptFormOptions(actor: Actor): Promise<{ people: { email: string; name: string }[]; maxDays: number; now: Date }> {
  authorize(actor, "register:read");
  const people = await prisma().user.findMany({ where: { active: true }, select: { email: true, name: true }, orderBy: { name: "asc" } });
  const { policy } = await policyInForce();
  return { people, maxDays: policy.exceptions.maxDays, now: now() };
}
