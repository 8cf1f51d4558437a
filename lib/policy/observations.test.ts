import { describe, expect, it } from "vitest";
import { mergeObservation } from "./observations";
import { daysAgo, observation } from "./test-fixtures";

describe("mergeObservation", () => {
  it("takes the first source as it is", () => {
    const only = observation();
    expect(mergeObservation(null, only)).toBe(only);
  });

  it("keeps the highest autonomy and the union of capabilities, whichever comes first", () => {
    const a = observation({ autonomy: "AUTONOMOUS", capabilities: ["repo:read"], observedAt: daysAgo(2) });
    const b = observation({ autonomy: "SUGGEST", capabilities: ["env:delete", "repo:read"], observedAt: daysAgo(1) });
    expect(mergeObservation(a, b)).toMatchObject({ autonomy: "AUTONOMOUS", capabilities: ["env:delete", "repo:read"] });
    expect(mergeObservation(b, a)).toMatchObject({ autonomy: "AUTONOMOUS", capabilities: ["env:delete", "repo:read"] });
    expect(mergeObservation(a, observation({ capabilities: [] })).capabilities).toBe(a.capabilities);
  });

  it("dates the pair by its freshest source and keeps the oldest, which goes stale first", () => {
    const declared = observation({ observedAt: daysAgo(5), source: "DECLARED" });
    const discovered = observation({ observedAt: daysAgo(1), source: "DISCOVERED" });
    const synced = observation({ observedAt: daysAgo(3), source: "SYNC" });
    for (const [x, y] of [[declared, discovered], [discovered, declared]]) {
      expect(mergeObservation(x, y)).toMatchObject({ observedAt: daysAgo(1), source: "DISCOVERED", oldest: { observedAt: daysAgo(5), source: "DECLARED" } });
    }
    expect(mergeObservation(mergeObservation(synced, discovered), declared).oldest).toEqual({ observedAt: daysAgo(5), source: "DECLARED" });
    expect(mergeObservation(discovered, { ...discovered })).not.toHaveProperty("oldest");
  });

  it("names a measured source over a declaration at the same instant", () => {
    const at = daysAgo(1);
    const declared = observation({ observedAt: at, source: "DECLARED" });
    const synced = observation({ observedAt: at, source: "SYNC" });
    expect(mergeObservation(declared, synced).source).toBe("SYNC");
    expect(mergeObservation(synced, declared).source).toBe("SYNC");
  });
});
