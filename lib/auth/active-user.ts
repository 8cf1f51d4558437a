import { prisma } from "@/lib/db/client";
import { toActor, type Actor } from "./actor";

// The user a session names, as the register holds them now: the role and the active flag are read
// on every request, so a demotion or a deactivation takes effect at once rather than when the
// session cookie expires.
export async function activeUser(userId: string | undefined): Promise<Actor | null> {
  if (!userId) return null;
  const user = await prisma().user.findUnique({ where: { id: userId } });
  if (!user?.active) return null;
  return toActor(user);
}
