// When a failed delivery is tried again, when it is given up, and when an endpoint that keeps failing
// is switched off. Pure, so that the schedule is tested at its edges with a fixed clock and dice.

/** Deliveries are attempted for a day after their event, then marked failed. */
export const DELIVERY_WINDOW_MS = 24 * 3_600_000;
/** The first retry waits this long; each later one twice as long as the one before, up to the cap. */
export const FIRST_RETRY_MS = 10_000;
export const MAX_RETRY_MS = 2 * 3_600_000;
/** A receiver that has not answered by then has failed the attempt. */
export const ATTEMPT_TIMEOUT_MS = 15_000;
/** How long a dispatcher holds a claimed delivery; past it, one that died lets another try. */
export const LEASE_MS = 4 * ATTEMPT_TIMEOUT_MS;
/** An endpoint that has failed every attempt for this long is switched off (and its admins told on its page). */
export const DISABLE_AFTER_FAILING_MS = 24 * 3_600_000;
/** How much of a receiver's answer the delivery log keeps. */
export const RESPONSE_EXCERPT_CHARS = 500;

/**
 * The wait before attempt `failedAttempts + 1`: exponential, capped, and spread by ±20 % jitter so
 * that an endpoint back from an outage is not hit by every retry at the same instant.
 * `random` is in [0, 1).
 */
export function retryDelayMs(failedAttempts: number, random: number): number {
  const exponential = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(exponential * (0.8 + 0.4 * random));
}

export type AttemptOutcome =
  | { status: "DELIVERED" }
  | { status: "PENDING"; nextAttemptAt: Date }
  | { status: "FAILED" };

/** What becomes of a delivery after an attempt; a retry that would fall past the window is not made. */
export function afterAttempt(input: { ok: boolean; failedAttempts: number; createdAt: Date; now: Date; random: number }): AttemptOutcome {
  if (input.ok) return { status: "DELIVERED" };
  const next = input.now.getTime() + retryDelayMs(input.failedAttempts, input.random);
  if (next > input.createdAt.getTime() + DELIVERY_WINDOW_MS) return { status: "FAILED" };
  return { status: "PENDING", nextAttemptAt: new Date(next) };
}

/** A 2xx answer delivers; anything else (or no answer) fails, to be retried. */
export const isDelivered = (statusCode: number | null): boolean => statusCode !== null && statusCode >= 200 && statusCode < 300;

/** Whether a failing endpoint is switched off now: every attempt for a day has failed. */
export function shouldDisable(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS;
}
