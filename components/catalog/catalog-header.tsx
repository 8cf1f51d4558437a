import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/card";
import { PERMISSIONS, ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { CatalogTabs, type CatalogKind } from "./catalog-tabs";

const WRITERS = PERMISSIONS["catalog:write"].map((role) => ROLE_LABELS[role]).join(" or ");

// The head of each catalog list: what the catalog is, the tabs, and for those who may not change it, who may.
export function CatalogHeader({ current, role, canWrite }: { current: CatalogKind; role: Role; canWrite: boolean }) {
  return (
    <>
      <PageHeader
        title="Catalog"
        description="What the register describes tools with: the environments they reach (whose tier, data and critical path set the approvals a grant needs and how severe a finding is), the capabilities grants list, and the teams that own tools."
      />
      <CatalogTabs current={current} />
      {!canWrite && (
        <p className="mb-4 text-sm text-slate-600" data-testid="catalog-read-only">
          Adding and editing catalog entries needs the {WRITERS} role; you are signed in as {ROLE_LABELS[role]}.
        </p>
      )}
    </>
  );
}


// The form that adds an entry, folded above the list so that the list comes first, for those who may.
export function AddRecord({ summary, description, children }: { summary: string; description: string; children: ReactNode }) {
  return (
    <details className="mb-6 rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-medium text-brand-700 hover:bg-slate-50">{summary}</summary>
      <div className="border-t border-slate-100 px-4 pb-4 pt-3">
        <p className="mb-3 text-xs text-slate-600">{description}</p>
        {children}
      </div>
    </details>
  );
}
