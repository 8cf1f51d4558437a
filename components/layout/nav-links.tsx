"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

// In the order people work: what is wrong, what exists (and the teams, environments and capabilities it
// is described with), who may do what, what went wrong, the rules, evidence.
const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/findings", label: "Findings" },
  { href: "/exceptions", label: "Exceptions" },
  { href: "/tools", label: "Register" },
  { href: "/catalog", label: "Catalog" },
  { href: "/grants", label: "Grants" },
  { href: "/reviews", label: "Access reviews" },
  { href: "/incidents", label: "Incidents" },
  { href: "/risks", label: "Risks" },
  { href: "/changes", label: "Changes" },
  { href: "/discovery", label: "Discovery" },
  { href: "/policy", label: "Policy" },
  { href: "/audit", label: "Audit" },
  { href: "/api-docs", label: "API" },
];
// Only admins manage people and tokens; the page says so to anyone else who finds it.
const ADMIN_LINKS = [
  { href: "/people", label: "People" },
  { href: "/webhooks", label: "Notifications" },
];

/** The pages of the navigation the role sees (the command palette finds them by name too). */
export function navigationLinks(admin: boolean): { href: string; label: string }[] {
  return [...LINKS, ...(admin ? ADMIN_LINKS : [])];
}

export function NavLinks({ admin }: { admin: boolean }) {
  // Null only under the Pages Router, which serves no pages here (it exists for /api/v1/changes).
  const pathname = usePathname() ?? "/";
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-2">
      {navigationLinks(admin).map((link) => {
        const active = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={cn("rounded-md px-3 py-1.5 text-sm", active ? "bg-brand-50 font-medium text-brand-900" : "text-slate-700 hover:bg-slate-100")}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
