"use client";

import { FilterSelect } from "@/components/data-table/filter-select";
import { useUrlState } from "@/components/data-table/use-url-state";

// The runs of one repository: where a reviewer follows a scope's history run by run.
export function ScopeFilter({ scopes, value }: { scopes: string[]; value: string }) {
  const { update } = useUrlState();
  return <FilterSelect id="scope" label="Scope" value={value} options={scopes.map((scope) => [scope, scope] as const)} onChange={(scope) => update({ scope })} className="w-56" />;
}
