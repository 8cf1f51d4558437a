import { describe, expect, it } from "vitest";
import { afterAttempt, DELIVERY_WINDOW_MS, DISABLE_AFTER_FAILING_MS, FIRST_RETRY_MS, isDelivered, MAX_RETRY_MS, retryDelayMs, shouldDisable } from "./delivery";

describe("retryDelayMs", () => {
  it.each([
    // [failedAttempts, random, expected]
    [1, 0.5, FIRST_RETRY_MS],
    [2, 0.5, 2 * FIRST_RETRY_MS],
    [3, 0.5, 4 * FIRST_RETRY_MS],
    [1, 0, 0.8 * FIRST_RETRY_MS],
    [3, 0, 0.8 * 4 * FIRST_RETRY_MS],
    [1, 0.999999, 1.2 * FIRST_RETRY_MS],
    [3, 0.999999, 1.2 * 4 * FIRST_RETRY_MS],
    [0, 0.5, FIRST_RETRY_MS], // no failure counted yet: still the first wait, not half of it
  ])("after %i failed attempt(s) with random %f waits %i ms", (failedAttempts, random, expected) => {
    expect(retryDelayMs(failedAttempts, random)).toBe(expected);
  });

  it("is capped at MAX_RETRY_MS before jitter (10 s doubled ten times passes 2 h)", () => {
    expect(retryDelayMs(10, 0.5)).toBe(FIRST_RETRY_MS * 2 ** 9); // 5 120 s, under the cap
    for (const attempts of [11, 12, 30, 1000]) {
      expect(retryDelayMs(attempts, 0.5)).toBe(MAX_RETRY_MS);
      expect(retryDelayMs(attempts, 0)).toBe(0.8 * MAX_RETRY_MS);
      expect(retryDelayMs(attempts, 0.999999)).toBe(8_639_997); // 7 200 000 × 1.1999996, just under +20 %
    }
  });

  it("grows with every failure until the cap, then stays there", () => {
    const delays = Array.from({ length: 14 }, (_, i) => retryDelayMs(i + 1, 0.5));
    for (let i = 1; i < delays.length; i++) {
      if (delays[i - 1] < MAX_RETRY_MS) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
      else expect(delays[i]).toBe(MAX_RETRY_MS);
    }
    expect(delays.at(-1)).toBe(MAX_RETRY_MS);
  });
});

describe("afterAttempt", () => {
  const createdAt = new Date("2026-03-01T12:00:00.000Z");
  const windowEnd = createdAt.getTime() + DELIVERY_WINDOW_MS;

  it("delivers on a successful attempt, whatever the schedule", () => {
    expect(afterAttempt({ ok: true, failedAttempts: 40, createdAt, now: new Date(windowEnd + 1), random: 0.9 })).toEqual({ status: "DELIVERED" });
  });

  it("schedules the next attempt exactly one retry delay after now", () => {
    const now = new Date(createdAt.getTime() + 60_000);
    expect(afterAttempt({ ok: false, failedAttempts: 3, createdAt, now, random: 0 })).toEqual({
      status: "PENDING",
      nextAttemptAt: new Date(now.getTime() + 0.8 * 4 * FIRST_RETRY_MS),
    });
  });

  it("still retries when the next attempt lands exactly at the window's end, and gives up 1 ms later", () => {
    const atEnd = new Date(windowEnd - FIRST_RETRY_MS);
    expect(afterAttempt({ ok: false, failedAttempts: 1, createdAt, now: atEnd, random: 0.5 })).toEqual({ status: "PENDING", nextAttemptAt: new Date(windowEnd) });
    const pastEnd = new Date(atEnd.getTime() + 1);
    expect(afterAttempt({ ok: false, failedAttempts: 1, createdAt, now: pastEnd, random: 0.5 })).toEqual({ status: "FAILED" });
  });
});

describe("isDelivered", () => {
  it.each([
    [200, true],
    [204, true],
    [299, true],
    [199, false],
    [300, false],
    [301, false],
    [404, false],
    [500, false],
    [null, false],
  ])("status %s delivers: %s", (status, expected) => {
    expect(isDelivered(status)).toBe(expected);
  });
});

describe("shouldDisable", () => {
  const now = new Date("2026-03-02T12:00:00.000Z");

  it.each([
    ["never failing", null, false],
    ["failing for exactly the limit", new Date(now.getTime() - DISABLE_AFTER_FAILING_MS), true],
    ["failing for 1 ms less", new Date(now.getTime() - DISABLE_AFTER_FAILING_MS + 1), false],
    ["failing for far longer", new Date(now.getTime() - 3 * DISABLE_AFTER_FAILING_MS), true],
  ] as const)("%s: %s", (_, failingSince, expected) => {
    expect(shouldDisable(failingSince, now)).toBe(expected);
  });
});
