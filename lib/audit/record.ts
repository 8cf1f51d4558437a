import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { eventHash, GENESIS_HASH } from "./chain";

/** Whose event it is: the user acting (an Actor will do), or with no id the register itself. */
export type AuditActor = Pick<Actor, "email"> & { id: Actor["id"] | null };

/** The register itself (the seed, the sign-in throttle). */
export const SYSTEM_ACTOR: AuditActor = { id: null, email: "system" };

export interface AuditEventInput {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /**
   * When it happened; now when left out. Only the demo seed sets it, to tell a past the register
   * never recorded live: the chain covers the time, so a back-dated event verifies like any other.
   */
  at?: Date;
}

// Serialises writers of the chain for the rest of the transaction, so two concurrent mutations
// cannot both extend the same previous hash.
const AUDIT_CHAIN_LOCK_KEY = 72_707_370;

// For a writer that saves round trips by folding the chain's steps into statements of its own
// (change ingestion): the lock, evaluated in one statement, and the chain's head, read in a later
// one; a later statement's snapshot sees every writer that held the lock before.
export const LOCK_AUDIT_CHAIN = Prisma.sql`pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`;
export const AUDIT_CHAIN_HEAD = Prisma.sql`(SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1)`;

// What jsonb will hold (and give back to the chain check): plain JSON, bigints as strings.
function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

// Call inside the transaction that makes the change: the event commits or rolls back with it.
export async function recordAudit(tx: Tx, actor: AuditActor, event: AuditEventInput): Promise<void> {
  await recordAuditEvents(tx, [{ ...event, actor }]);
}

// Many events of one transaction at once (a bulk import, a group of ingestions), each with its own
// actor: one chain extension and one INSERT, in the order given.
export async function recordAuditEvents(tx: Tx, events: (AuditEventInput & { actor: AuditActor })[]): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRaw`SELECT ${LOCK_AUDIT_CHAIN}`;
  const [{ head }] = await tx.$queryRaw<{ head: string | null }[]>`SELECT ${AUDIT_CHAIN_HEAD} AS head`;
  await appendAuditEvents(tx, events, head);
}

/** Extends the chain from `head`, read in this transaction after it took the chain's lock (null: empty chain). */
export async function appendAuditEvents(tx: Tx, events: (AuditEventInput & { actor: AuditActor })[], head: string | null): Promise<void> {
  if (events.length === 0) return;
  let prevHash = head ?? GENESIS_HASH;
  const now = new Date();
  const rows = events.map((event) => {
    const before = toJson(event.before);
    const after = toJson(event.after);
    const content = { at: event.at ?? now, actorEmail: event.actor.email, action: event.action, entity: event.entity, entityId: event.entityId, before, after };
    const hash = eventHash(prevHash, content);
    const row = { ...content, actorId: event.actor.id, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // One INSERT … SELECT in chain order (ids follow it); Prisma's createMany takes ~1 ms per event here.
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("at", "actorId", "actorEmail", "action", "entity", "entityId", "before", "after", "prevHash", "hash")
    SELECT v.at::timestamptz AT TIME ZONE 'UTC', v.actor_id, v.actor_email, v.action, v.entity, v.entity_id, v.before::jsonb, v.after::jsonb, v.prev_hash, v.hash
    FROM unnest(
      ${column((r) => r.at.toISOString())}::text[], ${column((r) => r.actorId)}::text[], ${column((r) => r.actorEmail)}::text[],
      ${column((r) => r.action)}::text[], ${column((r) => r.entity)}::text[], ${column((r) => r.entityId)}::text[],
      ${column((r) => json(r.before))}::text[], ${column((r) => json(r.after))}::text[], ${column((r) => r.prevHash)}::text[], ${column((r) => r.hash)}::text[]
    ) WITH ORDINALITY AS v(at, actor_id, actor_email, action, entity, entity_id, before, after, prev_hash, hash, n)
    ORDER BY v.n`;
}
