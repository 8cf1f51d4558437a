import Link from "next/link";
import type { ReactNode } from "react";
import { ShieldAlert } from "lucide-react";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { signOutAction } from "@/lib/auth/actions";
import { CommandPalette, SearchButton } from "./command-palette";
import { MobileMenu } from "./mobile-menu";
import { NavLinks } from "./nav-links";

function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2 px-4 py-4 text-sm font-semibold text-slate-900">
      <ShieldAlert aria-hidden className="size-5 text-brand-600" />
      GenAI Risk Register
    </Link>
  );
}

function CurrentUser({ user }: { user: SessionUser }) {
  return (
    <div className="border-t border-slate-200 px-4 py-3 text-xs">
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
  );
}

export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const admin = can(user.role, "user:admin");
  return (
    <div className="min-h-screen md:flex">
      <header className="sticky top-0 z-20 flex items-center justify-between gap-2 border-b border-slate-200 bg-white pr-4 md:hidden">
        <Brand />
        <SearchButton compact />
        <MobileMenu>
          <NavLinks admin={admin} />
          <div className="mt-2">
            <CurrentUser user={user} />
          </div>
        </MobileMenu>
      </header>
      {/* The column runs the page's whole height, however long; the navigation inside it stays in view. */}
      <div className="hidden w-56 shrink-0 border-r border-slate-200 bg-white md:block" data-testid="sidebar">
        <aside className="sticky top-0 flex h-screen flex-col overflow-y-auto">
          <Brand />
          <div className="px-3 pb-3">
            <SearchButton />
          </div>
          <NavLinks admin={admin} />
          <div className="mt-auto">
            <CurrentUser user={user} />
          </div>
        </aside>
      </div>
      <main className="min-w-0 flex-1 px-4 py-4 md:px-8 md:py-6">{children}</main>
      <CommandPalette admin={admin} />
    </div>
  );
}
