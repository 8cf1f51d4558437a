// What a sign-in reads before anyone is signed in. Not marked server-only like the rest of lib/data:
// next-auth's configuration imports it, and the Pages Router's /api/v1/changes reads sessions
// through that configuration, where a server-only import fails at run time.
import { prisma } from "@/lib/db/client";

export interface SignInUser {
  id: string;
  email: string;
  name: string;
  active: boolean;
  passwordHash: string | null;
  sessionVersion: number;
}

// Before anyone is signed in, so no actor: what a sign-in needs to check the password and mint the session.
export async function findUserForSignIn(email: string): Promise<SignInUser | null> {
  return prisma().user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, active: true, passwordHash: true, sessionVersion: true },
  });
}
