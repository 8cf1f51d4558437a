import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldAlert } from "lucide-react";
import { LoginForm } from "@/components/login-form";
import { Button } from "@/components/ui/button";
import { oidcEnabled } from "@/lib/auth/auth";
import { signInWithSsoAction } from "@/lib/auth/actions";
import { currentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/safe-callback";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <ShieldAlert aria-hidden className="size-6 text-brand-600" />
          <h1 className="text-lg font-semibold">GenAI Risk Register</h1>
        </div>
        <LoginForm callbackUrl={safeCallbackPath(callbackUrl)} />
        {oidcEnabled && (
          <form action={signInWithSsoAction} className="mt-4 border-t border-slate-100 pt-4">
            <Button type="submit" variant="secondary" className="w-full">
              Sign in with {process.env.AUTH_OIDC_NAME ?? "single sign-on"}
            </Button>
          </form>
        )}
      </div>
    </main>
  );
}
