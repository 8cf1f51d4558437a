import { prisma } from "@/lib/db/client";
import { toActor, type Actor } from "./actor";

// The user a session names, as the register holds them now: the role, the active flag and the
// session version are read on every request, so a demotion, a deactivation, a sign-out or an admin's
// "sign out everywhere" takes effect at once rather than when the session cookie expires.
export async function activeUser(userId: string | undefined, sessionVersion: number | undefined): Promise<Actor | null> {
  if (!userId || sessionVersion === undefined) return null;
  const user = await prisma().user.findUnique({ where: { id: userId } });
  if (!user?.active || user.sessionVersion !== sessionVersion) return null;
  return toActor(user);
}
