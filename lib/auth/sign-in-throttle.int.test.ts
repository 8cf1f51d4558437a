// Sign-in throttling and the constant-cost password check, against a real Postgres: through the
// credentials check the login form's server action reaches (checkCredentials), and through a direct
// POST to next-auth's /api/auth/callback/credentials route. Clocks are injected; nothing sleeps.
import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as passwords from "@/lib/auth/passwords";
import { checkCredentials } from "@/lib/auth/credentials";
import { recordSignInFailure, signInLockedFor } from "@/lib/data/sign-in-throttle";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE } from "@/lib/policy/sign-in-throttle";
import { importAuthRoute, postCredentials, type AuthRoute } from "@/lib/test/auth-route";
import { withSeededDatabase } from "@/lib/test/seeded-database";

const PASSWORD = "the-right-password-2026";
const MINUTE = 60_000;

let db: PrismaClient;
let route: AuthRoute;
let passwordHash: string;
let serial = 0;

withSeededDatabase("sign_in_throttle", async (seeded) => {
  db = seeded.db;
  passwordHash = await passwords.hashPassword(PASSWORD);
  route = await importAuthRoute();
});

afterEach(() => vi.restoreAllMocks());

// Each test its own person and address, so no test's failures count against another's.
async function newUser(overrides: { active?: boolean; passwordHash?: string | null } = {}) {
  serial += 1;
  const email = `throttle-${serial}@example.com`;
  await db.user.create({ data: { email, name: `Throttle ${serial}`, passwordHash, ...overrides } });
  return { email, address: `203.0.113.${serial}` };
}

const lockouts = (entityId: string) => db.auditEvent.findMany({ where: { action: "auth.lockout", entityId } });

describe("the account throttle (the login form's path: checkCredentials)", () => {
  it("the 5th wrong password locks the account; the 6th attempt is refused even with the right password", async () => {
    const { email, address } = await newUser();
    const now = new Date("2026-06-01T09:00:00Z");
    for (let i = 1; i <= 4; i++) expect(await checkCredentials({ email, password: `wrong-${i}` }, address, now)).toEqual({ outcome: "refused" });
    expect(await checkCredentials({ email, password: "wrong-5" }, address, now)).toEqual({ outcome: "locked", retryAfterSeconds: 15 * 60 });
    const later = new Date(now.getTime() + 5 * MINUTE);
    expect(await checkCredentials({ email, password: PASSWORD }, address, later)).toEqual({ outcome: "locked", retryAfterSeconds: 10 * 60 });
    // Another address does not unlock the account.
    expect((await checkCredentials({ email, password: PASSWORD }, "198.51.100.77", later)).outcome).toBe("locked");
  });

  it("the lock ends 15 minutes after the lockout (injected clock), and then the right password works", async () => {
    const { email, address } = await newUser();
    const lockout = new Date("2026-06-01T10:00:00Z");
    for (let i = 0; i < 5; i++) await checkCredentials({ email, password: "wrong" }, address, lockout);
    expect(await checkCredentials({ email, password: PASSWORD }, address, new Date(lockout.getTime() + 15 * MINUTE - 1))).toEqual({ outcome: "locked", retryAfterSeconds: 1 });
    const result = await checkCredentials({ email, password: PASSWORD }, address, new Date(lockout.getTime() + 15 * MINUTE));
    expect(result.outcome).toBe("signed-in");
  });

  it("the window: failures 15 minutes after the window's first start a new window; 1 ms earlier they still count", async () => {
    const first = new Date("2026-06-01T11:00:00Z");
    const closed = await newUser();
    for (let i = 0; i < 4; i++) await checkCredentials({ email: closed.email, password: "wrong" }, closed.address, first);
    const atBoundary = new Date(first.getTime() + 15 * MINUTE);
    expect(await checkCredentials({ email: closed.email, password: "wrong" }, closed.address, atBoundary)).toEqual({ outcome: "refused" });
    expect(await db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${closed.email}` } })).toMatchObject({ failures: 1, windowStartedAt: atBoundary, lockedUntil: null });

    const open = await newUser();
    for (let i = 0; i < 4; i++) await checkCredentials({ email: open.email, password: "wrong" }, open.address, first);
    expect(await checkCredentials({ email: open.email, password: "wrong" }, open.address, new Date(atBoundary.getTime() - 1))).toMatchObject({ outcome: "locked" });
  });

  it("a success resets the account's count", async () => {
    const { email, address } = await newUser();
    const now = new Date("2026-06-01T12:00:00Z");
    for (let i = 0; i < 4; i++) await checkCredentials({ email, password: "wrong" }, address, now);
    expect((await checkCredentials({ email, password: PASSWORD }, address, now)).outcome).toBe("signed-in");
    for (let i = 0; i < 4; i++) expect(await checkCredentials({ email, password: "wrong" }, address, now)).toEqual({ outcome: "refused" });
  });

  it("the lockout is audited once, as auth.lockout, without any password", async () => {
    const { email, address } = await newUser();
    const now = new Date("2026-06-01T13:00:00Z");
    for (let i = 0; i < 5; i++) await checkCredentials({ email, password: `secret-guess-${i}` }, address, now);
    await checkCredentials({ email, password: PASSWORD }, address, now);
    const events = await lockouts(`account:${email}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: "system", entity: "SignInThrottle", after: { scope: "account", failures: 5, windowMinutes: 15 } });
    const text = JSON.stringify(await db.auditEvent.findMany({ select: { entityId: true, before: true, after: true } }));
    expect(text).not.toContain("secret-guess");
    expect(text).not.toContain(PASSWORD);
  });

  it("an unknown email is throttled exactly like a known one, so a lock says nothing about existence", async () => {
    const email = "nobody-here@example.com";
    const now = new Date("2026-06-01T14:00:00Z");
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await checkCredentials({ email, password: "wrong" }, "203.0.113.250", now));
    expect(results.map((r) => r.outcome)).toEqual(["refused", "refused", "refused", "refused", "locked", "locked"]);
    expect(await lockouts(`account:${email}`)).toHaveLength(1);
  });

  it("concurrent failures from many connections count exactly, and exactly one of them locks", async () => {
    const { email, address } = await newUser();
    const now = new Date("2026-06-01T15:00:00Z");
    const results = await Promise.all(Array.from({ length: 12 }, () => recordSignInFailure({ email, address }, now)));
    expect(await db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } })).toMatchObject({ failures: 12 });
    expect(await db.signInThrottle.findUniqueOrThrow({ where: { key: `address:${address}` } })).toMatchObject({ failures: 12 });
    // Failures 5 to 12 all see the lock; the first four do not.
    expect(results.filter((seconds) => seconds === 15 * 60)).toHaveLength(12 - ACCOUNT_THROTTLE.maxFailures + 1);
    expect(await lockouts(`account:${email}`)).toHaveLength(1);
  });
});

describe("the client-address throttle", () => {
  it(`the ${ADDRESS_THROTTLE.maxFailures}th failure from one address, over many accounts, locks the address for every account`, async () => {
    const address = "192.0.2.50";
    const now = new Date("2026-06-01T16:00:00Z");
    for (let i = 1; i < ADDRESS_THROTTLE.maxFailures; i++) await recordSignInFailure({ email: `sprayed-${i}@example.com`, address }, now);
    const { email } = await newUser();
    expect(await checkCredentials({ email: "sprayed-last@example.com", password: "wrong" }, address, now)).toEqual({ outcome: "locked", retryAfterSeconds: 15 * 60 });
    expect(await checkCredentials({ email, password: PASSWORD }, address, now)).toMatchObject({ outcome: "locked" });
    expect((await checkCredentials({ email, password: PASSWORD }, "192.0.2.51", now)).outcome).toBe("signed-in");
    expect(await lockouts(`address:${address}`)).toHaveLength(1);
  });
});

describe("one bcrypt comparison per sign-in, known email or not", () => {
  it.each([
    { name: "an unknown email", setup: async () => ({ email: "unknown-person@example.com", address: "203.0.113.251" }) },
    { name: "an inactive user", setup: () => newUser({ active: false }) },
    { name: "a user without a password", setup: () => newUser({ passwordHash: null }) },
  ])("$name is checked against a dummy hash of the same cost, and refused even with that user's password", async ({ setup }) => {
    const { email, address } = await setup();
    const verify = vi.spyOn(passwords, "verifyPassword");
    expect(await checkCredentials({ email, password: PASSWORD }, address, new Date())).toEqual({ outcome: "refused" });
    expect(verify).toHaveBeenCalledTimes(1);
    const [, hash] = verify.mock.calls[0];
    expect(hash).toBe(await passwords.dummyPasswordHash());
    expect(bcrypt.getRounds(hash)).toBe(bcrypt.getRounds(passwordHash));
  });

  it("a known user's password is compared once, against their own hash", async () => {
    const { email, address } = await newUser();
    const verify = vi.spyOn(passwords, "verifyPassword");
    await checkCredentials({ email, password: "wrong" }, address, new Date());
    expect(verify.mock.calls).toEqual([["wrong", passwordHash]]);
  });
});

describe("POST /api/auth/callback/credentials (next-auth's own route, without the login form)", () => {
  it("counts its failures too; once locked it answers 429 with Retry-After, even to the right password", async () => {
    const { email, address } = await newUser();
    for (let i = 0; i < 5; i++) {
      const res = await postCredentials(route, { email, password: "wrong", address });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toContain("error=CredentialsSignin");
    }
    const res = await postCredentials(route, { email, password: PASSWORD, address });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "TOO_MANY_REQUESTS", message: "Too many failed sign-ins. Try again in 15 minutes." });
    expect(res.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
    expect(await lockouts(`account:${email}`)).toHaveLength(1);
  });

  it("a locked address gets 429 for any account", async () => {
    const address = "192.0.2.60";
    const now = new Date();
    for (let i = 0; i < ADDRESS_THROTTLE.maxFailures; i++) await recordSignInFailure({ email: `route-sprayed-${i}@example.com`, address }, now);
    const { email } = await newUser();
    expect((await postCredentials(route, { email, password: PASSWORD, address })).status).toBe(429);
    expect(await signInLockedFor({ email, address: "192.0.2.61" }, now)).toBe(0);
  });

  it("an attempt that is not locked reaches next-auth, and the right password signs in", async () => {
    const { email, address } = await newUser();
    const res = await postCredentials(route, { email, password: PASSWORD, address });
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(true);
  });
});
