"use server";

import { z } from "zod";
import { createApiToken, createUser, revokeApiToken, revokeSessions, updateUser } from "@/lib/data/users";
import { tokenCreateSchema, userCreateSchema, userUpdateSchema } from "@/lib/validation/users.validation";
import type { ActionState } from "./action-state";
import { formAction, type FormAction } from "./action-client";
import { affected } from "./affected-pages";

// These forms send only ids; the data functions say when one names nothing.
const tokenIds = z.object({ userId: z.string(), tokenId: z.string() });
const userId = z.object({ userId: z.string() });

export const createUserAction = formAction({
  permission: "user:admin",
  schema: userCreateSchema,
  fields: (form) => ({ email: form.text("email"), name: form.text("name"), role: form.text("role"), senior: form.checked("senior"), password: form.filled("password"), githubLogin: form.filled("githubLogin") }),
  run: (actor, input) => createUser(actor, input),
  affects: affected.user,
  success: (user) => ({ message: `Added ${user.email}.` }),
});

export const updateUserAction = formAction({
  permission: "user:admin",
  schema: userUpdateSchema,
  // An emptied GitHub login field removes the login.
  fields: (form) => ({ role: form.text("role"), senior: form.checked("senior"), active: form.checked("active"), githubLogin: form.filled("githubLogin") ?? null }),
  run: (actor, patch, form) => updateUser(actor, form.text("id"), patch),
  affects: affected.user,
  success: (user) => ({ message: `Saved ${user.email}.` }),
});

export type TokenActionState = ActionState & { token?: string };

// The secret is in the answer once; only its hash is stored.
export const issueTokenAction: FormAction<TokenActionState> = formAction({
  permission: "user:admin",
  schema: tokenCreateSchema,
  fields: (form) => ({ name: form.filled("name"), scope: form.filled("scope") }),
  run: (actor, input, form) => createApiToken(actor, form.text("userId"), input),
  affects: affected.credentials,
  success: (issued) => ({ token: issued.token, message: `${issued.scope === "SCIM" ? "SCIM token" : "Token"} "${issued.name}" issued. Copy it now: it is not shown again.` }),
});

export const revokeTokenAction = formAction({
  permission: "user:admin",
  schema: tokenIds,
  fields: (form) => ({ userId: form.text("userId"), tokenId: form.text("tokenId") }),
  run: (actor, { userId, tokenId }) => revokeApiToken(actor, userId, tokenId),
  affects: affected.credentials,
  success: () => ({ message: "Token revoked." }),
});

// "Sign out everywhere" for a person: their browser sessions end at once; tokens are not touched.
export const revokeSessionsAction = formAction({
  permission: "user:admin",
  schema: userId,
  fields: (form) => ({ userId: form.text("userId") }),
  run: (actor, input) => revokeSessions(actor, input.userId),
  affects: affected.credentials,
  success: () => ({ message: "Signed out everywhere." }),
});
