import { describe, expect, it } from "vitest";
import { buildChain } from "@/lib/test/audit-chain-fixture";
import { eventHash, GENESIS_HASH, verifyChain } from "./chain";

describe("verifyChain", () => {
  it("accepts an intact chain of stored rows", () => {
    expect(verifyChain(buildChain(5))).toEqual({ valid: true, checked: 5 });
    expect(verifyChain([])).toEqual({ valid: true, checked: 0 });
  });

  it("does not depend on the order jsonb gives an object's keys", () => {
    const events = buildChain(2);
    events[1].after = { nested: { a: [1, 2], b: 1 }, comment: "ok", approvals: 2, status: "APPROVED" };
    expect(verifyChain(events).valid).toBe(true);
  });

  it("finds an altered event", () => {
    const events = buildChain(5);
    events[2].after = { ...(events[2].after as object), status: "DENIED" };
    expect(verifyChain(events)).toMatchObject({ valid: false, checked: 2, brokenAt: "3", reason: expect.stringContaining("altered") });
  });

  it("finds a removed event", () => {
    const events = buildChain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, checked: 1, brokenAt: "3", reason: expect.stringContaining("removed or reordered") });
  });

  it("finds reordered events", () => {
    const events = buildChain(4);
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: "3" });
  });

  it("treats a missing before as the null the database returns", () => {
    const content = { at: new Date(0), actorEmail: "a", action: "x", entity: "E", entityId: "1", before: undefined, after: { a: 1 } };
    expect(eventHash(GENESIS_HASH, content)).toBe(eventHash(GENESIS_HASH, { ...content, before: null }));
  });
});
