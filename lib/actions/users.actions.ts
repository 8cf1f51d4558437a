"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { createApiToken, createUser, revokeApiToken, revokeSessions, updateUser } from "@/lib/data/users";
import { tokenCreateSchema, userCreateSchema, userUpdateSchema } from "@/lib/validation/users.validation";
import { actionError, type ActionState, assertSafeForm } from "./action-state";

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function createUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("user:admin");
    const input = userCreateSchema.parse({
      email: text(formData, "email"),
      name: text(formData, "name"),
      role: text(formData, "role"),
      senior: formData.get("senior") === "on",
      password: text(formData, "password") || undefined,
    });
    const user = await createUser(actor, input);
    revalidatePath("/people");
    return { ok: true, message: `Added ${user.email}.` };
  } catch (error) {
    return actionError(error);
  }
}

export async function updateUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("user:admin");
    const patch = userUpdateSchema.parse({ role: text(formData, "role"), senior: formData.get("senior") === "on", active: formData.get("active") === "on" });
    const user = await updateUser(actor, text(formData, "id"), patch);
    revalidatePath("/people");
    return { ok: true, message: `Saved ${user.email}.` };
  } catch (error) {
    return actionError(error);
  }
}

export type TokenActionState = ActionState & { token?: string };

// The secret is in the answer once; only its hash is stored.
export async function issueTokenAction(_prev: TokenActionState, formData: FormData): Promise<TokenActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("user:admin");
    const { name } = tokenCreateSchema.parse({ name: text(formData, "name") || undefined });
    const issued = await createApiToken(actor, text(formData, "userId"), name);
    revalidatePath("/people");
    return { ok: true, token: issued.token, message: `Token "${issued.name}" issued. Copy it now: it is not shown again.` };
  } catch (error) {
    return actionError(error);
  }
}

export async function revokeTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("user:admin");
    await revokeApiToken(actor, text(formData, "userId"), text(formData, "tokenId"));
    revalidatePath("/people");
    return { ok: true, message: "Token revoked." };
  } catch (error) {
    return actionError(error);
  }
}

// "Sign out everywhere" for a person: their browser sessions end at once; tokens are not touched.
export async function revokeSessionsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const actor = await requirePermission("user:admin");
    await revokeSessions(actor, text(formData, "userId"));
    revalidatePath("/people");
    return { ok: true, message: "Signed out everywhere." };
  } catch (error) {
    return actionError(error);
  }
}
