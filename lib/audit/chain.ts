// The audit log's hash chain: each event's hash covers the previous hash and the event itself, so
// editing, removing or reordering any event breaks every hash after it.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedEventContent {
  at: Date;
  actorEmail: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

// Key-sorted JSON, so the hash does not depend on how jsonb reorders keys.
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

// Only the content fields: a stored row also carries its id, actorId and hashes, which must not count;
// a missing before/after is stored as NULL and read back as null.
export function eventHash(prevHash: string, event: ChainedEventContent): string {
  const { at, actorEmail, action, entity, entityId, before, after } = event;
  const content = canonicalJson({ at: at.toISOString(), actorEmail, action, entity, entityId, before: before ?? null, after: after ?? null });
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

export interface StoredEvent extends ChainedEventContent {
  id: bigint | number | string;
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { valid: true; checked: number }
  | { valid: false; checked: number; brokenAt: string; reason: string };

export function verifyChain(events: StoredEvent[]): ChainCheck {
  let expectedPrev = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    if (event.prevHash !== expectedPrev) {
      return { valid: false, checked: index, brokenAt: String(event.id), reason: "its previous-hash does not match the event before it (an event was removed or reordered)" };
    }
    if (eventHash(event.prevHash, event) !== event.hash) {
      return { valid: false, checked: index, brokenAt: String(event.id), reason: "its content does not match its hash (the event was altered)" };
    }
    expectedPrev = event.hash;
  }
  return { valid: true, checked: events.length };
}
