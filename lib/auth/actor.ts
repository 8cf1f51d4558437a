import { AppError } from "@/lib/errors/app-error";
import { can, type Permission, type Role } from "./permissions";

// Whoever acts: a signed-in person or the owner of an API token; both carry the user's role.
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  senior: boolean;
}

/** The actor a user row stands for, whether it came through a session or an API token. */
export function toActor(user: Actor): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role, senior: user.senior };
}

export function authorize(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send a valid bearer token.");
  if (!can(actor.role, permission)) {
    throw new AppError("FORBIDDEN", `The ${actor.role} role may not do this (${permission}).`);
  }
}
