import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventHash, GENESIS_HASH } from "./chain";

export interface Actor {
  id: string | null;
  email: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, email: "system" };

// Serialises writers of the chain for the rest of the transaction, so two concurrent mutations
// cannot both extend the same previous hash.
const AUDIT_CHAIN_LOCK_KEY = 72_707_370;

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

// Call inside the transaction that makes the change: the event commits or rolls back with it.
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  event: { action: string; entity: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const before = toJson(event.before);
  const after = toJson(event.after);
  const at = new Date();
  const content = { at, actorEmail: actor.email, action: event.action, entity: event.entity, entityId: event.entityId, before: before ?? null, after: after ?? null };
  await tx.auditEvent.create({
    data: { ...content, actorId: actor.id, before, after, prevHash, hash: eventHash(prevHash, content) },
  });
}
