// Failed sign-ins counted per account and per client address in Postgres, so that every app process
// shares the count. The rules (thresholds, window and lock boundaries) are lib/policy/sign-in-throttle.ts.
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvents, SYSTEM_ACTOR } from "@/lib/audit/record";
import {
  isLockout,
  lockedUntilAfterLockout,
  secondsLocked,
  THROTTLE_RULES,
  throttleKey,
  windowCutoff,
  type ThrottleRule,
} from "@/lib/policy/sign-in-throttle";

export interface SignInAttempt {
  email: string;
  /** The client address (lib/auth/client-address.ts). */
  address: string;
}

const keyOf = (rule: ThrottleRule, attempt: SignInAttempt) => throttleKey(rule.scope, rule.scope === "account" ? attempt.email : attempt.address);

// The columns are timestamps without a time zone holding UTC, as Prisma writes them.
const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;

/** Seconds until this attempt's account and address may both try again; 0 when neither is locked. */
export async function signInLockedFor(attempt: SignInAttempt, now: Date): Promise<number> {
  const rows = await prisma().signInThrottle.findMany({
    where: { key: { in: THROTTLE_RULES.map((rule) => keyOf(rule, attempt)) } },
    select: { lockedUntil: true },
  });
  return Math.max(0, ...rows.map((row) => secondsLocked(row, now)));
}

/**
 * Counts a failed sign-in against the account and the address. Each key's count is one
 * INSERT … ON CONFLICT DO UPDATE, so concurrent failures from any number of processes count exactly
 * and exactly one of them reaches the threshold; that one locks the key and is audited in the same
 * transaction. Returns the seconds this attempt is now locked for (0 when not locked).
 */
export async function recordSignInFailure(attempt: SignInAttempt, now: Date): Promise<number> {
  const lockedFor = await prisma().$transaction(async (tx) => {
    const lockouts = [];
    let lockedFor = 0;
    // Every failure takes the account's row lock before the address's, and audits last, so two
    // failures never wait on each other in a cycle.
    for (const rule of THROTTLE_RULES) {
      const key = keyOf(rule, attempt);
      const windowOpen = Prisma.sql`t."windowStartedAt" > ${at(windowCutoff(now, rule))}`;
      const failuresAfter = Prisma.sql`CASE WHEN ${windowOpen} THEN t."failures" + 1 ELSE 1 END`;
      const lockUntil = at(lockedUntilAfterLockout(now, rule));
      const [row] = await tx.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
        INSERT INTO "SignInThrottle" AS t ("key", "failures", "windowStartedAt", "lockedUntil")
        VALUES (${key}, 1, ${at(now)}, CASE WHEN ${rule.maxFailures}::int = 1 THEN ${lockUntil} END)
        ON CONFLICT ("key") DO UPDATE SET
          "failures" = ${failuresAfter},
          "windowStartedAt" = CASE WHEN ${windowOpen} THEN t."windowStartedAt" ELSE EXCLUDED."windowStartedAt" END,
          "lockedUntil" = CASE WHEN ${failuresAfter} = ${rule.maxFailures}::int THEN ${lockUntil} ELSE t."lockedUntil" END
        RETURNING "failures", "lockedUntil"`;
      lockedFor = Math.max(lockedFor, secondsLocked(row, now));
      if (isLockout(row.failures, rule)) {
        lockouts.push({
          actor: SYSTEM_ACTOR,
          action: "auth.lockout",
          entity: "SignInThrottle",
          entityId: key,
          after: { scope: rule.scope, failures: row.failures, windowMinutes: rule.windowMs / 60_000, lockedUntil: row.lockedUntil },
        });
      }
    }
    await recordAuditEvents(tx, lockouts);
    return lockedFor;
  });
  await pruneClosedWindows(now);
  return lockedFor;
}

/** A successful sign-in forgives the account's failures (not the address's: it may be a sprayer's). */
export async function recordSignInSuccess(attempt: SignInAttempt): Promise<void> {
  const account = THROTTLE_RULES.find((rule) => rule.scope === "account")!;
  await prisma().signInThrottle.deleteMany({ where: { key: keyOf(account, attempt) } });
}

// Keys whose window has closed and that are not locked count from 1 again anyway: drop them, so
// attempts with ever new emails do not grow the table without bound. SKIP LOCKED: never wait on
// (or deadlock with) a failure being counted.
async function pruneClosedWindows(now: Date): Promise<void> {
  const longestWindowMs = Math.max(...THROTTLE_RULES.map((rule) => rule.windowMs));
  await prisma().$executeRaw`
    DELETE FROM "SignInThrottle" WHERE "key" IN (
      SELECT "key" FROM "SignInThrottle"
      WHERE "windowStartedAt" <= ${at(new Date(now.getTime() - longestWindowMs))} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${at(now)})
      FOR UPDATE SKIP LOCKED)`;
}
