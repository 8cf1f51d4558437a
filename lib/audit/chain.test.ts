import { describe, expect, it } from "vitest";
import { eventHash, GENESIS_HASH, verifyChain, type StoredEvent } from "./chain";

// Rows as the database returns them: with id, actorId and the hashes beside the hashed content.
function chain(count: number): (StoredEvent & { actorId: string | null })[] {
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
    events.push({ ...content, id: BigInt(i), actorId: i % 2 ? "u1" : null, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

describe("verifyChain", () => {
  it("accepts an intact chain of stored rows", () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, checked: 5 });
    expect(verifyChain([])).toEqual({ valid: true, checked: 0 });
  });

  it("does not depend on the order jsonb gives an object's keys", () => {
    const events = chain(2);
    events[1].after = { nested: { a: [1, 2], b: 1 }, comment: "ok", approvals: 2, status: "APPROVED" };
    expect(verifyChain(events).valid).toBe(true);
  });

  it("finds an altered event", () => {
    const events = chain(5);
    events[2].after = { ...(events[2].after as object), status: "DENIED" };
    expect(verifyChain(events)).toMatchObject({ valid: false, checked: 2, brokenAt: "3", reason: expect.stringContaining("altered") });
  });

  it("finds a removed event", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, checked: 1, brokenAt: "3", reason: expect.stringContaining("removed or reordered") });
  });

  it("finds reordered events", () => {
    const events = chain(4);
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: "3" });
  });

  it("treats a missing before as the null the database returns", () => {
    const content = { at: new Date(0), actorEmail: "a", action: "x", entity: "E", entityId: "1", before: undefined, after: { a: 1 } };
    expect(eventHash(GENESIS_HASH, content)).toBe(eventHash(GENESIS_HASH, { ...content, before: null }));
  });
});
