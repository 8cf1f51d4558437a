import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { auth } from "./auth";
import { authorize, type Actor } from "./actor";
import type { Permission } from "./permissions";

export type SessionUser = Actor;

// The role and the active flag are read from the database on every request, so a demotion or a
// deactivation takes effect at once rather than when the session cookie expires.
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await prisma().user.findUnique({ where: { id: userId } });
  if (!user?.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, senior: user.senior };
});

// For pages: an anonymous visitor is sent to sign in.
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

// For server actions: throws an AppError the action maps to a form message.
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await currentUser();
  authorize(user, permission);
  return user;
}
