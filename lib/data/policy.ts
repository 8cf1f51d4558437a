// The policy in force and its history. The newest PolicyVersion row governs; with none, DESIGN.md's
// defaults (DEFAULT_POLICY) do. Every rule that reads thresholds gets them from policyInForce.
import { prisma, type Db, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { DEFAULT_POLICY, type Policy } from "@/lib/policy/policy";
import { policySchema, policyUpdateSchema, type PolicyUpdate } from "@/lib/validation/policy.validation";

export interface PolicyVersionDto {
  /** 0: the built-in defaults, never edited. */
  version: number;
  note: string;
  at: string | null;
  by: string | null;
}

export interface PolicyInForce extends PolicyVersionDto {
  policy: Policy;
}

const DEFAULTS: PolicyInForce = { version: 0, note: "The defaults of DESIGN.md", at: null, by: null, policy: DEFAULT_POLICY };

// A stored version's JSON as the rules read it; no version at all means the defaults.
export function storedPolicy(json: unknown): Policy {
  return json === null || json === undefined ? DEFAULT_POLICY : policySchema.parse(json);
}

export async function policyInForce(db: Db | Tx = prisma()): Promise<PolicyInForce> {
  const row = await db.policyVersion.findFirst({ orderBy: { id: "desc" }, include: { createdBy: { select: { email: true } } } });
  if (!row) return DEFAULTS;
  return { version: row.id, note: row.note, at: row.createdAt.toISOString(), by: row.createdBy?.email ?? null, policy: storedPolicy(row.policy) };
}

export async function readPolicy(actor: Actor): Promise<PolicyInForce & { defaults: Policy; history: PolicyVersionDto[] }> {
  authorize(actor, "register:read");
  const db = prisma();
  const current = await policyInForce(db);
  const rows = await db.policyVersion.findMany({ orderBy: { id: "desc" }, take: 20, include: { createdBy: { select: { email: true } } } });
  const history = rows.map((row) => ({ version: row.id, note: row.note, at: row.createdAt.toISOString(), by: row.createdBy?.email ?? null }));
  return { ...current, defaults: DEFAULT_POLICY, history: [...history, { version: DEFAULTS.version, note: DEFAULTS.note, at: DEFAULTS.at, by: DEFAULTS.by }] };
}

// Serialises policy edits, so each version's audit event says what it replaced.
const POLICY_LOCK_KEY = 72_707_371;

export async function updatePolicy(actor: Actor, input: PolicyUpdate): Promise<PolicyInForce> {
  authorize(actor, "policy:edit");
  const { policy, note, basedOnVersion } = policyUpdateSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${POLICY_LOCK_KEY})`;
    const before = await policyInForce(tx);
    // Two reviewers editing at once: the later save must not silently undo the earlier one.
    if (basedOnVersion !== undefined && basedOnVersion !== before.version) {
      throw new AppError("CONFLICT", `The policy changed while you were editing it: version ${before.version} is in force now. Reload and apply your change again.`, [
        { field: "basedOnVersion", message: `version ${before.version} is in force now` },
      ]);
    }
    const row = await tx.policyVersion.create({ data: { policy: policy as object, note, createdById: actor.id } });
    await recordAudit(tx, actor, { action: "policy.updated", entity: "Policy", entityId: String(row.id), before: before.policy, after: { ...policy, note } });
    return { version: row.id, note, at: row.createdAt.toISOString(), by: actor.email, policy };
  });
}
