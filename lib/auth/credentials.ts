// The password check behind the credentials provider (lib/auth/auth.ts), which both the login form's
// server action and a direct POST to /api/auth/callback/credentials reach.
import { z } from "zod";
import { recordSignInFailure, recordSignInSuccess, signInLockedFor } from "@/lib/data/sign-in-throttle";
import { findUserForSignIn, type SignInUser } from "@/lib/data/sign-in-users";
import { dummyPasswordHash, verifyPassword } from "./passwords";

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1) });

export type CredentialsOutcome =
  | { outcome: "signed-in"; user: SignInUser }
  | { outcome: "refused" }
  /** The account or the address is locked: refused whatever the password, even the right one. */
  | { outcome: "locked"; retryAfterSeconds: number };

export async function checkCredentials(raw: unknown, address: string, now: Date): Promise<CredentialsOutcome> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { outcome: "refused" };
  const attempt = { email: parsed.data.email.toLowerCase(), address };
  const lockedFor = await signInLockedFor(attempt, now);
  if (lockedFor > 0) return { outcome: "locked", retryAfterSeconds: lockedFor };
  const user = await findUserForSignIn(attempt.email);
  // Always exactly one bcrypt comparison, so an unknown email costs what a known one does.
  const hash = user?.active && user.passwordHash ? user.passwordHash : await dummyPasswordHash();
  const matches = await verifyPassword(parsed.data.password, hash);
  if (user?.active && user.passwordHash && matches) {
    await recordSignInSuccess(attempt);
    return { outcome: "signed-in", user };
  }
  const nowLockedFor = await recordSignInFailure(attempt, now);
  return nowLockedFor > 0 ? { outcome: "locked", retryAfterSeconds: nowLockedFor } : { outcome: "refused" };
}
