"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "./auth";
import { safeCallbackPath } from "./safe-callback";

const signInSchema = z.object({
  email: z.email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.unknown().transform(safeCallbackPath),
});

export interface SignInState {
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password", string>>;
  email?: string;
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as "email" | "password"] = issue.message;
    return { fieldErrors, email };
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: parsed.data.callbackUrl });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "Wrong email or password.", email };
    throw error;
  }
}

export async function signInWithSsoAction(): Promise<void> {
  await signIn("oidc", { redirectTo: "/" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
