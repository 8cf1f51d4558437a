import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { cn } from "@/lib/cn";

export function Card({ title, description, actions, children, className }: { title?: ReactNode; description?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={cn("rounded-lg border border-slate-200 bg-white shadow-sm", className)}>
      {(title || actions) && (
        <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-4 py-3">
          <div>
            {title && <h2 className="text-sm font-semibold text-slate-900">{title}</h2>}
            {description && <p className="mt-0.5 text-xs text-slate-500">{description}</p>}
          </div>
          {actions}
        </header>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}

// A card's action that leads elsewhere, in its header.
export function CardLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-sm text-brand-700 hover:underline">
      {children}
    </Link>
  );
}

// A form folded away at the foot of a card, opened by its summary.
export function FoldedForm({ summary, className, children }: { summary: string; className?: string; children: ReactNode }) {
  return (
    <details className="mt-4 border-t border-slate-100 pt-3">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{summary}</summary>
      <div className={cn("mt-3", className)}>{children}</div>
    </details>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-slate-300 px-6 py-10 text-center">
      <p className="text-sm font-medium text-slate-800">{title}</p>
      {children && <div className="mt-1 text-sm text-slate-500">{children}</div>}
    </div>
  );
}

interface Breadcrumbs {
  /** The pages above this one, outermost first: [href, label]. */
  links: readonly (readonly [string, string])[];
  here: string;
}

// A page's title, with the trail of pages above it and, beside the title, badges of its state.
export function PageHeader({
  title,
  badges,
  description,
  actions,
  breadcrumbs,
}: {
  title: ReactNode;
  badges?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: Breadcrumbs;
}) {
  return (
    <>
      {breadcrumbs && (
        <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
          {breadcrumbs.links.map(([href, label]) => (
            <Fragment key={href}>
              <Link href={href} className="hover:underline">
                {label}
              </Link>{" "}
              /{" "}
            </Fragment>
          ))}
          {breadcrumbs.here}
        </nav>
      )}
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {badges ? (
              <span className="flex flex-wrap items-center gap-3">
                {title}
                {badges}
              </span>
            ) : (
              title
            )}
          </h1>
          {description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p>}
        </div>
        {actions && <div className="flex gap-2">{actions}</div>}
      </div>
    </>
  );
}
