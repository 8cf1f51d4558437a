import { AutonomyBadge, humanize } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import type { ChangeDto } from "@/lib/dto/changes";
import { Card, CardLink, EmptyState } from "@/components/ui/card";
import { Time } from "@/components/ui/time";

export function ToolChanges({ slug, changes, total }: { slug: string; changes: ChangeDto[]; total: number }) {
  return (
    <Card
      title={`Changes (${total})`}
      description="Deployments this tool made, from the AI-origin ledger, with the rules each broke when it shipped."
      actions={total > changes.length && <CardLink href={`/changes?tool=${slug}`}>All {total} →</CardLink>}
    >
      {changes.length === 0 ? (
        <EmptyState title="No recorded changes">CI/CD has not reported a deployment by this tool.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="tool-changes">
          {changes.map((change) => (
            <li key={change.id} className="py-2 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{change.service}</span>
                <span className="text-slate-500">{change.environment}</span>
                <span className="text-xs text-slate-500">{humanize(change.changeType)}</span>
                {change.mode && <AutonomyBadge value={change.mode} />}
                <Time value={change.deployedAt} className="ml-auto text-xs text-slate-500" />
              </div>
              {change.violations.length > 0 && (
                <ul className="mt-1 space-y-0.5">
                  {change.violations.map((v) => (
                    <li key={v.code} className="text-xs text-red-800">
                      <Badge tone="red">{humanize(v.code)}</Badge> {v.message}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
