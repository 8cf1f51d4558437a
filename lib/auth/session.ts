import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "./auth";
import { authorize, type Actor } from "./actor";
import { activeUser } from "./active-user";
import type { Permission } from "./permissions";

export type SessionUser = Actor;

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  return activeUser(session?.user?.id, session?.sessionVersion);
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
