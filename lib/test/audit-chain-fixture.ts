// A hash chain of stored rows as the database returns them (id, actorId and the hashes beside the
// hashed content), for the pure audit modules' tests.
import { eventHash, GENESIS_HASH, type StoredEvent } from "@/lib/audit/chain";

export function buildChain(count: number, firstId = 1): (StoredEvent & { actorId: string | null })[] {
  const events: (StoredEvent & { actorId: string | null })[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const content = {
      at: new Date(Date.UTC(2026, 0, 1, 0, i)),
      actorEmail: i % 2 ? "reviewer@example.com" : "system",
      action: "grant.decision.approve",
      entity: "Grant",
      entityId: `g${i}`,
      before: i === 1 ? null : { status: "REQUESTED", approvals: i - 1 },
      after: { status: "APPROVED", approvals: i, comment: "ok", nested: { b: 1, a: [1, 2] } },
    };
    const hash = eventHash(prevHash, content);
    events.push({ ...content, id: BigInt(firstId + i - 1), actorId: i % 2 ? "u1" : null, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

/** Re-hashes the chain from `fromIndex` on, as someone covering their tracks would. */
export function rehashFrom<E extends StoredEvent>(events: E[], fromIndex: number): E[] {
  let prevHash = fromIndex === 0 ? GENESIS_HASH : events[fromIndex - 1].hash;
  return events.map((event, index) => {
    if (index < fromIndex) return event;
    const hash = eventHash(prevHash, event);
    const rehashed = { ...event, prevHash, hash };
    prevHash = hash;
    return rehashed;
  });
}
