import Link from "next/link";
import { AutonomyBadge, GrantStatusBadge, humanize, ToolStatusBadge } from "@/components/domain-badges";
import { EmptyState } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { GrantDto } from "@/lib/dto/grants";
import type { ToolRow } from "@/lib/dto/tools";
import { displayedGrantStatus } from "@/lib/policy/approvals";

// What refers to a catalog record, newest first, each linking to its own page.
export function GrantReferences({ grants, total, empty }: { grants: GrantDto[]; total: number; empty: string }) {
  if (grants.length === 0) return <EmptyState title={empty} />;
  return (
    <>
      <ul className="divide-y divide-slate-100" data-testid="grant-references">
        {grants.map((grant) => (
          <li key={grant.id} className="py-2 text-sm" data-testid="grant-reference">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <Link href={`/grants/${grant.id}`} className="font-medium text-brand-700 hover:underline">
                {grant.toolName} in {grant.environment}
              </Link>
              <GrantStatusBadge value={displayedGrantStatus(grant)} />
              <span className="text-xs text-slate-600">up to</span>
              <AutonomyBadge value={grant.maxAutonomy} />
            </div>
            <p className="mt-1 break-words text-xs text-slate-600">
              Requested <Time value={grant.createdAt} /> by {grant.requesterName} · {grant.capabilities.join(", ") || "no capabilities"}
            </p>
          </li>
        ))}
      </ul>
      {total > grants.length && <p className="mt-2 text-xs text-slate-600">The latest {grants.length} of {total}.</p>}
    </>
  );
}

export function ToolReferences({ tools, total, empty }: { tools: ToolRow[]; total: number; empty: string }) {
  if (tools.length === 0) return <EmptyState title={empty} />;
  return (
    <>
      <ul className="divide-y divide-slate-100" data-testid="tool-references">
        {tools.map((tool) => (
          <li key={tool.slug} className="py-2 text-sm">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <Link href={`/tools/${tool.slug}`} className="font-medium text-brand-700 hover:underline">
                {tool.name}
              </Link>
              <ToolStatusBadge value={tool.status} />
              <span className="text-xs text-slate-600">
                {humanize(tool.kind)} · {tool.vendor}
              </span>
            </div>
            <p className="mt-1 text-xs text-slate-600">{tool.environments.length === 0 ? "Not observed anywhere" : `Observed in ${tool.environments.join(", ")}`}</p>
          </li>
        ))}
      </ul>
      {total > tools.length && <p className="mt-2 text-xs text-slate-600">The first {tools.length} of {total}.</p>}
    </>
  );
}
