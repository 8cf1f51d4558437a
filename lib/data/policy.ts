// The policy in force, its history and the proposals waiting to change it. The newest PolicyVersion
// row governs; with none, DESIGN.md's defaults (DEFAULT_POLICY) do. Every rule that reads thresholds
// gets them from policyInForce. An edit that loosens any rule is only proposed: it becomes a version
// when a second, senior reviewer approves it (lib/policy/policy-proposal.ts decides who may).
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma, type Db, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { emitEvents } from "./outbox";
import { authorize, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors/app-error";
import { DEFAULT_POLICY, type Policy } from "@/lib/policy/policy";
import type { PolicyInForce, PolicyProposalDto, PolicyProposalView, PolicyReadDto, ProposalEligibility } from "@/lib/dto/policy";
import { comparePolicies, loosensAny, type PolicyDifference } from "@/lib/policy/policy-change";
import { evaluateProposalDecision } from "@/lib/policy/policy-proposal";
import {
  policyProposalDecisionSchema,
  policySchema,
  policyUpdateSchema,
  type PolicyProposalDecisionInput,
  type PolicyUpdate,
} from "@/lib/validation/policy.validation";

export type PolicyUpdateOutcome =
  | { status: "APPLIED"; version: PolicyInForce; differences: PolicyDifference[] }
  | { status: "PROPOSED"; proposal: PolicyProposalDto };

interface WriteOptions {
  now?: Date;
}

const DEFAULTS: PolicyInForce = { version: 0, note: "The defaults of DESIGN.md", at: null, by: null, policy: DEFAULT_POLICY };

// A stored version's JSON as the rules read it; no version at all means the defaults.
export function storedPolicy(json: unknown): Policy {
  return json === null || json === undefined ? DEFAULT_POLICY : policySchema.parse(json);
}

export async function policyInForce(db: Db | Tx = prisma()): Promise<PolicyInForce> {
  const row = await db.policyVersion.findFirst({ orderBy: { id: "desc" }, include: { createdBy: { select: { email: true } } } });
  if (!row) return DEFAULTS;
  return { version: row.id, note: row.note, at: row.createdAt, by: row.createdBy?.email ?? null, policy: storedPolicy(row.policy) };
}

const proposalInclude = {
  proposedBy: { select: { email: true, name: true } },
  decidedBy: { select: { email: true } },
} satisfies Prisma.PolicyProposalInclude;

type ProposalRow = Prisma.PolicyProposalGetPayload<{ include: typeof proposalInclude }>;

// The policies proposals were based on, so each one's differences read against what it meant to change.
async function basePolicies(db: Db | Tx, rows: ProposalRow[]): Promise<Map<number, Policy>> {
  const ids = [...new Set(rows.map((row) => row.basedOnVersion).filter((version) => version !== 0))];
  const versions = ids.length === 0 ? [] : await db.policyVersion.findMany({ where: { id: { in: ids } }, select: { id: true, policy: true } });
  return new Map<number, Policy>([[0, DEFAULT_POLICY], ...versions.map((v) => [v.id, storedPolicy(v.policy)] as const)]);
}

function proposalDto(row: ProposalRow, base: Policy): PolicyProposalDto {
  const policy = storedPolicy(row.policy);
  return {
    id: row.id,
    status: row.status,
    note: row.note,
    basedOnVersion: row.basedOnVersion,
    policy,
    differences: comparePolicies(base, policy),
    proposedBy: row.proposedBy.email,
    proposedByName: row.proposedBy.name,
    proposedAt: row.createdAt,
    decidedBy: row.decidedBy?.email ?? null,
    decidedAt: row.decidedAt,
    decisionComment: row.decisionComment,
    version: row.versionId,
  };
}

function eligibility(actor: Actor, row: ProposalRow): ProposalEligibility {
  if (!can(actor.role, "policy:edit")) return { canDecide: false, code: "FORBIDDEN", reason: "Senior security reviewers and admins decide on policy changes." };
  const verdict = evaluateProposalDecision({
    proposal: { status: row.status, proposedById: row.proposedById },
    decider: { id: actor.id, role: actor.role, senior: actor.senior, active: true },
  });
  return verdict.ok ? { canDecide: true, code: null, reason: null } : { canDecide: false, code: verdict.error.code, reason: verdict.error.message };
}

async function proposalViews(db: Db | Tx, actor: Actor, rows: ProposalRow[]): Promise<PolicyProposalView[]> {
  const bases = await basePolicies(db, rows);
  return rows.map((row) => ({ ...proposalDto(row, bases.get(row.basedOnVersion) ?? DEFAULT_POLICY), viewer: eligibility(actor, row) }));
}

export async function readPolicy(actor: Actor): Promise<PolicyReadDto> {
  authorize(actor, "register:read");
  const db = prisma();
  const current = await policyInForce(db);
  const rows = await db.policyVersion.findMany({
    orderBy: { id: "desc" },
    take: 20,
    include: { createdBy: { select: { email: true } }, proposal: { select: { decidedBy: { select: { email: true } } } } },
  });
  const history = rows.map((row) => ({
    version: row.id,
    note: row.note,
    at: row.createdAt,
    by: row.createdBy?.email ?? null,
    approvedBy: row.proposal?.decidedBy?.email ?? null,
  }));
  const pending = await db.policyProposal.findMany({ where: { status: "PENDING" }, orderBy: { id: "asc" }, include: proposalInclude });
  return {
    ...current,
    approvedBy: history.find((entry) => entry.version === current.version)?.approvedBy ?? null,
    defaults: DEFAULT_POLICY,
    history: [...history, { version: DEFAULTS.version, note: DEFAULTS.note, at: DEFAULTS.at, by: DEFAULTS.by, approvedBy: null }],
    proposals: await proposalViews(db, actor, pending),
  };
}

// Route parameters are text; a proposal's id is a positive integer (Postgres' int4), anything else is unknown.
function proposalId(id: string): number {
  const value = /^\d{1,10}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > 2_147_483_647) throw notFound("Policy proposal");
  return value;
}

export async function getPolicyProposal(actor: Actor, id: string): Promise<PolicyProposalView> {
  authorize(actor, "register:read");
  const db = prisma();
  const row = await db.policyProposal.findUnique({ where: { id: proposalId(id) }, include: proposalInclude });
  if (!row) throw notFound("Policy proposal");
  return (await proposalViews(db, actor, [row]))[0];
}

// Serialises policy edits and decisions on proposals, so each version's audit event says what it
// replaced and two approvals of one proposal cannot both write a version.
const POLICY_LOCK_KEY = 72_707_371;
const lockPolicy = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(${POLICY_LOCK_KEY})`;

/** Writes a version and its audit event; the caller holds the policy lock. */
async function writeVersion(tx: Tx, actor: Actor, before: PolicyInForce, policy: Policy, note: string, now: Date, proposal?: ProposalRow): Promise<PolicyInForce> {
  const row = await tx.policyVersion.create({ data: { policy: policy as object, note, createdById: proposal?.proposedById ?? actor.id, createdAt: now } });
  const provenance = proposal ? { proposal: proposal.id, proposedBy: proposal.proposedBy.email, approvedBy: actor.email } : {};
  await recordAudit(tx, actor, { action: "policy.updated", entity: "Policy", entityId: String(row.id), before: before.policy, after: { ...policy, note, ...provenance } });
  await emitEvents(tx, [
    {
      type: "policy.changed",
      at: now,
      summary: `The policy changed (version ${row.id}${proposal ? `, proposed by ${proposal.proposedBy.email} and approved by ${actor.email}` : `, by ${actor.email}`}): ${note}`,
      subject: {},
      links: { policy: "/policy" },
      details: { version: row.id, previousVersion: before.version, note, ...provenance },
    },
  ]);
  return { version: row.id, note, at: row.createdAt, by: proposal?.proposedBy.email ?? actor.email, policy };
}

/**
 * Once a new version governs, every proposal still pending was based on an older one: approving it as
 * it stands would silently undo the new version, so it is superseded (propose again from the new one).
 */
async function supersedePending(tx: Tx, actor: Actor, version: number, now: Date): Promise<void> {
  const pending = await tx.policyProposal.findMany({ where: { status: "PENDING" }, select: { id: true, basedOnVersion: true } });
  if (pending.length === 0) return;
  await tx.policyProposal.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { status: "SUPERSEDED", decidedAt: now } });
  for (const proposal of pending) {
    await recordAudit(tx, actor, {
      action: "policy.proposal.superseded",
      entity: "PolicyProposal",
      entityId: String(proposal.id),
      before: { status: "PENDING", basedOnVersion: proposal.basedOnVersion },
      after: { status: "SUPERSEDED", inForce: version },
    });
  }
}

/**
 * Applies an edit at once when it loosens nothing (tightening needs no second person); otherwise
 * stores it as a PENDING proposal, which governs only once a second, senior reviewer approves it.
 */
export async function updatePolicy(actor: Actor, input: PolicyUpdate, options: WriteOptions = {}): Promise<PolicyUpdateOutcome> {
  authorize(actor, "policy:edit");
  const { policy, note, basedOnVersion } = policyUpdateSchema.parse(input);
  const now = options.now ?? new Date();
  return prisma().$transaction(async (tx) => {
    await lockPolicy(tx);
    const before = await policyInForce(tx);
    // Two reviewers editing at once: the later save must not silently undo the earlier one.
    if (basedOnVersion !== undefined && basedOnVersion !== before.version) {
      throw new AppError("CONFLICT", `The policy changed while you were editing it: version ${before.version} is in force now. Reload and apply your change again.`, [
        { field: "basedOnVersion", message: `version ${before.version} is in force now` },
      ]);
    }
    const differences = comparePolicies(before.policy, policy);
    if (loosensAny(differences)) {
      const row = await tx.policyProposal.create({
        data: { policy: policy as object, note, basedOnVersion: before.version, proposedById: actor.id, createdAt: now },
        include: proposalInclude,
      });
      await recordAudit(tx, actor, {
        action: "policy.proposed",
        entity: "PolicyProposal",
        entityId: String(row.id),
        before: { inForce: before.version },
        after: { status: "PENDING", basedOnVersion: before.version, note, differences, policy },
      });
      return { status: "PROPOSED", proposal: proposalDto(row, before.policy) };
    }
    const version = await writeVersion(tx, actor, before, policy, note, now);
    await supersedePending(tx, actor, version.version, now);
    return { status: "APPLIED", version, differences };
  });
}

/**
 * A senior reviewer (never the proposer) approves or rejects a proposal. Under the policy lock, it
 * re-reads the proposal and the decider's role, seniority and active flag, and checks that the policy
 * in force is still the one the proposal was based on; only then does an approval write the version.
 */
export async function decidePolicyProposal(actor: Actor, id: string, input: PolicyProposalDecisionInput, options: WriteOptions = {}): Promise<PolicyProposalDto> {
  authorize(actor, "policy:edit");
  const { decision, comment } = policyProposalDecisionSchema.parse(input);
  const key = proposalId(id);
  const now = options.now ?? new Date();
  const outcome = await prisma().$transaction(async (tx) => {
    await lockPolicy(tx);
    const row = await tx.policyProposal.findUnique({ where: { id: key }, include: proposalInclude });
    if (!row) throw notFound("Policy proposal");
    const decider = await tx.user.findUnique({ where: { id: actor.id }, select: { id: true, role: true, senior: true, active: true } });
    if (!decider) throw new AppError("UNAUTHENTICATED", "The acting user no longer exists.");
    const verdict = evaluateProposalDecision({ proposal: { status: row.status, proposedById: row.proposedById }, decider });
    if (!verdict.ok) throw new AppError(verdict.error.code, verdict.error.message, { proposal: row.id, status: row.status });

    const base = (await basePolicies(tx, [row])).get(row.basedOnVersion) ?? DEFAULT_POLICY;
    const decided = { decidedById: decider.id, decidedAt: now, decisionComment: comment };
    if (decision === "REJECT") {
      const rejected = await tx.policyProposal.update({ where: { id: key }, data: { ...decided, status: "REJECTED" }, include: proposalInclude });
      await recordAudit(tx, actor, { action: "policy.proposal.rejected", entity: "PolicyProposal", entityId: String(key), before: { status: "PENDING" }, after: { status: "REJECTED", comment } });
      return { proposal: proposalDto(rejected, base) };
    }

    const before = await policyInForce(tx);
    // Approving a change written against an older version would undo whatever came into force since.
    if (before.version !== row.basedOnVersion) {
      await tx.policyProposal.update({ where: { id: key }, data: { status: "SUPERSEDED", decidedAt: now } });
      await recordAudit(tx, actor, {
        action: "policy.proposal.superseded",
        entity: "PolicyProposal",
        entityId: String(key),
        before: { status: "PENDING", basedOnVersion: row.basedOnVersion },
        after: { status: "SUPERSEDED", inForce: before.version },
      });
      return { stale: before.version };
    }
    const policy = storedPolicy(row.policy);
    const version = await writeVersion(tx, actor, before, policy, row.note, now, row);
    const approved = await tx.policyProposal.update({ where: { id: key }, data: { ...decided, status: "APPROVED", versionId: version.version }, include: proposalInclude });
    await recordAudit(tx, actor, {
      action: "policy.proposal.approved",
      entity: "PolicyProposal",
      entityId: String(key),
      before: { status: "PENDING" },
      after: { status: "APPROVED", version: version.version, comment, proposedBy: row.proposedBy.email, differences: comparePolicies(base, policy) },
    });
    await supersedePending(tx, actor, version.version, now);
    return { proposal: proposalDto(approved, base) };
  });
  // Thrown after the transaction, so the proposal stays marked as superseded.
  if ("stale" in outcome) {
    throw new AppError("PROPOSAL_SUPERSEDED", `The policy has changed since this proposal was made: version ${outcome.stale} is in force now. Propose the change again from it.`, {
      proposal: key,
      inForce: outcome.stale,
    });
  }
  return outcome.proposal;
}
