// Sign-in throttling: how many failed sign-ins a key (an account or a client address) may have in a
// window before it is locked, and for how long. Pure rules; lib/data/sign-in-throttle.ts counts the
// failures in Postgres with one upsert per key, using exactly these boundaries.

export type ThrottleScope = "account" | "address";

export interface ThrottleRule {
  scope: ThrottleScope;
  /** The failure that brings a window's count to this locks the key. */
  maxFailures: number;
  /** A window opens at a key's first failure and lasts this long. */
  windowMs: number;
  /** How long a key stays locked from the failure that locked it. */
  lockMs: number;
}

const MINUTE_MS = 60_000;

// Five wrong passwords in 15 minutes is more than a person mistypes; a guesser gets 20 tries an hour.
export const ACCOUNT_THROTTLE: ThrottleRule = { scope: "account", maxFailures: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };

// One address trying many accounts: an office behind one NAT, or a whole end-to-end run's deliberate
// failures, stays far below 50 in 15 minutes, while a password sprayer is held to 200 guesses an hour.
export const ADDRESS_THROTTLE: ThrottleRule = { scope: "address", maxFailures: 50, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };

export const THROTTLE_RULES: readonly ThrottleRule[] = [ACCOUNT_THROTTLE, ADDRESS_THROTTLE];

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/** The row key: accounts by lower-cased email (the unknown ones too, so a lock says nothing about existence). */
export function throttleKey(scope: ThrottleScope, value: string): string {
  return `${scope}:${scope === "account" ? value.toLowerCase() : value}`;
}

/**
 * A window that opened at or before this instant has closed for a failure at `now`: a failure
 * exactly `windowMs` after the window's first starts a new window, counting 1.
 */
export function windowCutoff(now: Date, rule: ThrottleRule): Date {
  return new Date(now.getTime() - rule.windowMs);
}

/** Only the failure that reaches the threshold locks (and is audited), however many follow it. */
export function isLockout(failuresInWindow: number, rule: ThrottleRule): boolean {
  return failuresInWindow === rule.maxFailures;
}

export function lockedUntilAfterLockout(now: Date, rule: ThrottleRule): Date {
  return new Date(now.getTime() + rule.lockMs);
}

/** Whole seconds until the key may try again (rounded up, for Retry-After); 0 when it is not locked. */
export function secondsLocked(state: Pick<ThrottleState, "lockedUntil"> | null, now: Date): number {
  const remainingMs = (state?.lockedUntil?.getTime() ?? 0) - now.getTime();
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
}

/** The form's wording: minutes rounded up, so "1 minute" until the very end. */
export function tooManyFailuresMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
