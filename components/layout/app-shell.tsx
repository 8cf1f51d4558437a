import Link from "next/link";
import type { ReactNode } from "react";
import { ShieldAlert } from "lucide-react";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { signOutAction } from "@/lib/auth/actions";
import { NavLinks } from "./nav-links";

export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
        <Link href="/" className="flex items-center gap-2 px-4 py-4 text-sm font-semibold text-slate-900">
          <ShieldAlert aria-hidden className="size-5 text-brand-600" />
          GenAI Risk Register
        </Link>
        <NavLinks admin={can(user.role, "user:admin")} />
        <div className="mt-auto border-t border-slate-200 px-4 py-3 text-xs">
          <p className="font-medium text-slate-900" data-testid="current-user">
            {user.name}
          </p>
          <p className="text-slate-500">
            {ROLE_LABELS[user.role]}
            {user.senior ? " · senior" : ""}
          </p>
          <form action={signOutAction} className="mt-2">
            <button type="submit" className="text-brand-700 hover:underline">
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
