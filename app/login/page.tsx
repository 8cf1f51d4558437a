import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldAlert } from "lucide-react";
import { LoginForm } from "@/components/login-form";
import { Button } from "@/components/ui/button";
import { oidcConfig } from "@/lib/auth/auth";
import { signInWithSsoAction } from "@/lib/auth/actions";
import { currentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  if (await currentUser()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  const refusal = signInErrorMessage(error);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <ShieldAlert aria-hidden className="size-6 text-brand-600" />
          <h1 className="text-lg font-semibold">GenAI Risk Register</h1>
        </div>
        {refusal && (
          <div role="alert" data-testid="sign-in-error" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <h2 className="font-semibold">{refusal.title}</h2>
            <p className="mt-1">{refusal.body}</p>
          </div>
        )}
        <LoginForm callbackUrl={safeCallbackPath(callbackUrl)} />
        {oidcConfig && (
          <form action={signInWithSsoAction} className="mt-4 border-t border-slate-100 pt-4">
            <input type="hidden" name="callbackUrl" value={safeCallbackPath(callbackUrl)} />
            <Button type="submit" variant="secondary" className="w-full">
              Sign in with {oidcConfig.name}
            </Button>
          </form>
        )}
      </div>
    </main>
  );
}
