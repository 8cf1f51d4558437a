"use client";

import { createContext, useContext, useState } from "react";
import { columnHelper } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { TableView } from "@/components/data-table/table-view";
import { Success } from "@/components/ui/form";
import { TitleCell } from "@/components/data-table/title-cell";
import { AutonomyBadge, GrantStatusBadge, TierBadge } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import type { GrantView } from "@/lib/dto/grants";
import type { Page } from "@/lib/dto/page";
import { displayedGrantStatus } from "@/lib/policy/approvals";
import { HIGH_IMPACT_CLASSES, GRANT_STATUSES } from "@/lib/policy/types";
import type { GrantPageQuery } from "@/lib/validation/grants.validation";
import { DecisionForm } from "./decision-form";
import { ApprovalProgressSummary, RequiredApprovalsSummary } from "./required-approvals";

const helper = columnHelper<GrantView>();

const age = (days: number) => (days === 0 ? "under a day" : days === 1 ? "1 day" : `${days} days`);

const columns = [
  helper.accessor("tool", {
    header: "Grant",
    enableHiding: false,
    cell: ({ row: { original: g } }) => (
      <TitleCell
        href={`/grants/${g.id}`}
        title={
          <>
            {g.toolName} → {g.environment}
          </>
        }
        className="w-40"
      >
        <div className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500">
          <GrantStatusBadge value={displayedGrantStatus(g)} /> up to <AutonomyBadge value={g.maxAutonomy} />
        </div>
        <p className="mt-1 line-clamp-2 text-xs text-slate-600" title={g.justification}>
          {g.justification}
        </p>
      </TitleCell>
    ),
  }),
  helper.accessor((g) => g.risk.tier, {
    id: "tier",
    header: "Risk",
    cell: ({ row: { original: g } }) => (
      <div className="w-40 space-y-1">
        <div className="flex flex-wrap gap-1">
          <TierBadge value={g.risk.tier} />
          {g.risk.dataSensitivity !== "NONE" && <Badge tone={["PII", "FINANCIAL"].includes(g.risk.dataSensitivity) ? "orange" : "neutral"}>data {g.risk.dataSensitivity}</Badge>}
          {g.risk.criticalPath && <Badge tone="orange">critical path</Badge>}
        </div>
        <ul className="flex flex-wrap gap-1" aria-label="Capabilities">
          {g.risk.capabilities.map((c) => (
            <li key={c.key}>
              <Badge tone={c.class && HIGH_IMPACT_CLASSES.includes(c.class) ? "red" : "neutral"}>
                {c.key}
                <span className="ml-1 font-normal">{c.class ?? "unknown"}</span>
              </Badge>
            </li>
          ))}
          {g.risk.capabilities.length === 0 && <li className="text-xs text-slate-600">no capabilities</li>}
        </ul>
      </div>
    ),
  }),
  helper.accessor("requiredApprovals", {
    header: "Approvals: required · given",
    enableSorting: false,
    cell: ({ row: { original: g } }) => (
      <div className="w-48 space-y-1.5">
        <RequiredApprovalsSummary required={g.requiredApprovals} compact />
        <ApprovalProgressSummary required={g.requiredApprovals} progress={g.progress} />
        {g.decisions.length > 0 && (
          <ul className="text-xs text-slate-500">
            {g.decisions.map((d) => (
              <li key={d.reviewer}>
                {d.decision === "APPROVE" ? "✓ approved" : "✗ denied"} by {d.reviewerName}
                {d.senior ? " (senior)" : ""}
              </li>
            ))}
          </ul>
        )}
      </div>
    ),
  }),
  helper.accessor("createdAt", {
    header: "Requested",
    cell: ({ row: { original: g } }) => (
      <div className="whitespace-nowrap text-xs">
        <time dateTime={g.createdAt.toISOString()} title={g.createdAt.toISOString()}>
          {age(g.ageDays)} ago
        </time>
        <div className="text-slate-500">by {g.requesterName}</div>
        <div className="text-slate-500">expires {g.expiresAt?.toISOString().slice(0, 10) ?? "never"}</div>
      </div>
    ),
  }),
  helper.display({
    id: "decide",
    header: "Decision",
    enableHiding: false,
    cell: ({ row: { original: g } }) => <DecideCell grant={g} />,
  }),
];

// Where a decision's outcome is shown: above the table, which stays while the row changes or leaves.
const DecidedContext = createContext<(message: string) => void>(() => {});

function DecideCell({ grant }: { grant: GrantView }) {
  const onDecided = useContext(DecidedContext);
  if (grant.viewer.canDecide) {
    return (
      <div className="w-48">
        <DecisionForm grantId={grant.id} label={`${grant.tool} in ${grant.environment}`} compact onDecided={onDecided} />
      </div>
    );
  }
  if (grant.viewer.code === "SELF_APPROVAL") return <span className="text-xs text-slate-500">Your request: someone else decides</span>;
  if (grant.viewer.yourDecision) return <span className="text-xs text-slate-500">You {grant.viewer.yourDecision === "APPROVE" ? "approved" : "denied"} it</span>;
  if (grant.status === "REQUESTED" && grant.viewer.reason) return <span className="block max-w-48 text-xs text-slate-500">{grant.viewer.reason}</span>;
  return null;
}

const STATUS_FILTERS = [...GRANT_STATUSES, "ALL"] as const;
const STATUS_LABELS: Record<(typeof STATUS_FILTERS)[number], string> = {
  REQUESTED: "Pending",
  APPROVED: "Approved (in force)",
  DENIED: "Denied",
  REVOKED: "Revoked",
  EXPIRED: "Expired",
  ALL: "All",
};

export function GrantsQueue({ data, query, tools, environments }: { data: Page<GrantView>; query: GrantPageQuery; tools: string[]; environments: string[] }) {
  const [decided, setDecided] = useState<string | null>(null);
  const text = query.status === "REQUESTED" ? "Platform leads request grants from a tool's page." : `No ${STATUS_LABELS[query.status].toLowerCase()} grants here.`;
  return (
    <DecidedContext value={setDecided}>
      <TableView
        columns={columns}
        data={data}
        query={query}
        caption="Grants"
        exportHref="/api/v1/export/grants.csv"
        filters={{ tool: query.tool, environment: query.environment, capability: query.capability }}
        empty={{ title: query.status === "REQUESTED" ? "Nothing waiting for a decision" : "No grant matches these filters", text }}
        noMatch={{ title: "No grant matches these filters", text }}
        chips={
          query.capability && (
            <span className="mb-1 inline-flex items-center gap-1 rounded-full bg-brand-50 px-2.5 py-1 text-xs font-medium text-brand-900" data-testid="capability-filter">
              Including {query.capability}
            </span>
          )
        }
        notice={
          decided && (
            <Success testId="decision-outcome" className="mb-3">
              {decided}
            </Success>
          )
        }
      >
        {(update) => (
          <>
            <FilterSelect
              id="filter-status"
              label="Status"
              className="w-48"
              all={false}
              value={query.status}
              options={STATUS_FILTERS.map((status) => [status, STATUS_LABELS[status]])}
              onChange={(v) => update({ status: v === "REQUESTED" ? null : v })}
            />
            <FilterSelect id="filter-tool" label="Tool" className="w-48" value={query.tool ?? ""} options={tools.map((t) => [t, t])} onChange={(v) => update({ tool: v })} />
            <FilterSelect id="filter-environment" label="Environment" className="w-48" value={query.environment ?? ""} options={environments.map((e) => [e, e])} onChange={(v) => update({ environment: v })} />
          </>
        )}
      </TableView>
    </DecidedContext>
  );
}
