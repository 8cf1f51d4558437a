import { describe, expect, it } from "vitest";
import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  isLockout,
  lockedUntilAfterLockout,
  secondsLocked,
  throttleKey,
  tooManyFailuresMessage,
  windowCutoff,
} from "./sign-in-throttle";

const NOW = new Date("2026-06-01T12:00:00.000Z");
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const MINUTE = 60_000;

describe("the thresholds", () => {
  it("lock an account after 5 failures in 15 minutes for 15 minutes, an address after 50", () => {
    expect(ACCOUNT_THROTTLE).toMatchObject({ maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE });
    expect(ADDRESS_THROTTLE).toMatchObject({ maxFailures: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE });
  });
});

describe("throttleKey", () => {
  it("keys accounts by lower-cased email and addresses as they are", () => {
    expect(throttleKey("account", "Viewer@Example.com")).toBe("account:viewer@example.com");
    expect(throttleKey("address", "2001:db8::1")).toBe("address:2001:db8::1");
  });
});

describe("windowCutoff: a window lasts windowMs from its first failure", () => {
  // The upsert counts a failure in the window when windowStartedAt > cutoff.
  const stillOpen = (windowStartedAt: Date) => windowStartedAt > windowCutoff(NOW, ACCOUNT_THROTTLE);
  it.each([
    { name: "opened just now", startedAt: NOW, open: true },
    { name: "opened 15 minutes minus 1 ms ago", startedAt: at(-15 * MINUTE + 1), open: true },
    { name: "opened exactly 15 minutes ago", startedAt: at(-15 * MINUTE), open: false },
    { name: "opened 16 minutes ago", startedAt: at(-16 * MINUTE), open: false },
  ])("$name → counts on: $open", ({ startedAt, open }) => {
    expect(stillOpen(startedAt)).toBe(open);
  });
});

describe("isLockout: only the failure that reaches the threshold locks", () => {
  it.each([
    { failures: 4, lockout: false },
    { failures: 5, lockout: true },
    { failures: 6, lockout: false },
  ])("failure $failures of the window → $lockout", ({ failures, lockout }) => {
    expect(isLockout(failures, ACCOUNT_THROTTLE)).toBe(lockout);
  });
  it("the address's 50th failure locks the address", () => {
    expect([49, 50, 51].map((failures) => isLockout(failures, ADDRESS_THROTTLE))).toEqual([false, true, false]);
  });
});

describe("secondsLocked: locked while now < lockedUntil", () => {
  const lockedUntil = lockedUntilAfterLockout(NOW, ACCOUNT_THROTTLE);
  it.each([
    { name: "at the lockout", now: NOW, seconds: 900 },
    { name: "1 ms before it ends", now: at(15 * MINUTE - 1), seconds: 1 },
    { name: "1.5 s before it ends (rounded up)", now: at(15 * MINUTE - 1500), seconds: 2 },
    { name: "when it ends", now: at(15 * MINUTE), seconds: 0 },
    { name: "after it ended", now: at(16 * MINUTE), seconds: 0 },
  ])("$name → $seconds s", ({ now, seconds }) => {
    expect(secondsLocked({ lockedUntil }, now)).toBe(seconds);
  });
  it("a key never locked, or without a row, is not locked", () => {
    expect(secondsLocked({ lockedUntil: null }, NOW)).toBe(0);
    expect(secondsLocked(null, NOW)).toBe(0);
  });
});

describe("tooManyFailuresMessage", () => {
  it.each([
    { seconds: 900, text: "Too many failed sign-ins. Try again in 15 minutes." },
    { seconds: 61, text: "Too many failed sign-ins. Try again in 2 minutes." },
    { seconds: 60, text: "Too many failed sign-ins. Try again in 1 minute." },
    { seconds: 1, text: "Too many failed sign-ins. Try again in 1 minute." },
  ])("$seconds s → $text", ({ seconds, text }) => {
    expect(tooManyFailuresMessage(seconds)).toBe(text);
  });
});
