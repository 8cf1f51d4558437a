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

// Many events of one transaction at once (a bulk import): the same chain as recordAudit, in one insert.
export async function recordAuditEvents(
  tx: Tx,
  actor: Actor,
  events: { action: string; entity: string; entityId: string; before?: unknown; after?: unknown }[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = events.map((event) => {
    const before = toJson(event.before);
    const after = toJson(event.after);
    const content = { at, actorEmail: actor.email, action: event.action, entity: event.entity, entityId: event.entityId, before: before ?? null, after: after ?? null };
    const hash = eventHash(prevHash, content);
    const row = { action: event.action, entity: event.entity, entityId: event.entityId, before, after, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // One INSERT … SELECT in chain order (ids follow it); Prisma's createMany takes ~1 ms per event here.
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("at", "actorId", "actorEmail", "action", "entity", "entityId", "before", "after", "prevHash", "hash")
    SELECT ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${actor.id}::text, ${actor.email}::text, v.action, v.entity, v.entity_id, v.before::jsonb, v.after::jsonb, v.prev_hash, v.hash
    FROM unnest(
      ${column((r) => r.action)}::text[], ${column((r) => r.entity)}::text[], ${column((r) => r.entityId)}::text[],
      ${column((r) => json(r.before))}::text[], ${column((r) => json(r.after))}::text[], ${column((r) => r.prevHash)}::text[], ${column((r) => r.hash)}::text[]
    ) WITH ORDINALITY AS v(action, entity, entity_id, before, after, prev_hash, hash, n)
    ORDER BY v.n`;
}
