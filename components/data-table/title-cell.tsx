import Link from "next/link";
import type { ReactNode } from "react";

// A row's first cell: its name, linking to its page, and what follows under it.
export function TitleCell({ href, title, className, children }: { href: string; title: ReactNode; className?: string; children?: ReactNode }) {
  return (
    <div className={className}>
      <Link href={href} className="font-medium text-brand-700 hover:underline">
        {title}
      </Link>
      {children}
    </div>
  );
}
