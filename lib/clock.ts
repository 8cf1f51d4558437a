// The register's "now" for what time alone changes without any write (an exception's expiry). In
// production it is the system clock. An end-to-end run sets REGISTER_TEST_CLOCK=1 and moves it
// forward through POST /api/test/clock, so that a test sees a month pass without sleeping; the
// offset lives on globalThis because the App and Pages Router bundles each load this module.
const OFFSET_KEY = Symbol.for("genai-risk-register.clockOffsetMs");
type ClockGlobal = typeof globalThis & { [OFFSET_KEY]?: number };

export const testClockEnabled = (): boolean => process.env.REGISTER_TEST_CLOCK === "1";

export function now(): Date {
  return new Date(Date.now() + ((globalThis as ClockGlobal)[OFFSET_KEY] ?? 0));
}

/** Moves the test clock to `offsetMs` ahead of the system clock; refused unless the test clock is enabled. */
export function setClockOffset(offsetMs: number): void {
  if (!testClockEnabled()) throw new Error("the test clock is not enabled (REGISTER_TEST_CLOCK=1)");
  (globalThis as ClockGlobal)[OFFSET_KEY] = offsetMs;
}
