"use client";

import Link from "next/link";
import { createContext, useContext, useState } from "react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, TableActions, useServerTable, type ServerTableFeatures } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlState } from "@/components/data-table/use-url-state";
import { AutonomyBadge, GrantStatusBadge, TierBadge } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Select } from "@/components/ui/form";
import type { GrantView } from "@/lib/dto/grants";
import type { Page } from "@/lib/dto/page";
import { displayedGrantStatus } from "@/lib/policy/approvals";
import { HIGH_IMPACT_CLASSES, GRANT_STATUSES } from "@/lib/policy/types";
import type { GrantPageQuery } from "@/lib/validation/grants.validation";
import { DecisionForm } from "./decision-form";
import { ApprovalProgressSummary, RequiredApprovalsSummary } from "./required-approvals";

const helper = createColumnHelper<ServerTableFeatures, GrantView>();

const age = (days: number) => (days === 0 ? "under a day" : days === 1 ? "1 day" : `${days} days`);

const columns = [
  helper.accessor("tool", {
    header: "Grant",
    enableHiding: false,
    cell: ({ row: { original: g } }) => (
      <div className="w-44">
        <Link href={`/grants/${g.id}`} className="font-medium text-brand-700 hover:underline">
          {g.toolName} → {g.environment}
        </Link>
        <div className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500">
          <GrantStatusBadge value={displayedGrantStatus(g)} /> up to <AutonomyBadge value={g.maxAutonomy} />
        </div>
        <p className="mt-1 line-clamp-2 text-xs text-slate-600" title={g.justification}>
          {g.justification}
        </p>
      </div>
    ),
  }),
  helper.accessor((g) => g.risk.tier, {
    id: "tier",
    header: "Risk",
    cell: ({ row: { original: g } }) => (
      <div className="w-48 space-y-1">
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
                <span className="ml-1 text-[10px] opacity-70">{c.class ?? "unknown"}</span>
              </Badge>
            </li>
          ))}
          {g.risk.capabilities.length === 0 && <li className="text-xs text-slate-400">no capabilities</li>}
        </ul>
      </div>
    ),
  }),
  helper.accessor("requiredApprovals", {
    header: "Approvals: required · given",
    enableSorting: false,
    cell: ({ row: { original: g } }) => (
      <div className="w-60 space-y-1.5">
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
      <div className="w-56">
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
  const { update, pending } = useUrlState();
  const table = useServerTable({ columns, data: data.rows, sort: { key: query.sort, dir: query.dir } });
  const filtered = Boolean(query.tool || query.environment);
  const [decided, setDecided] = useState<string | null>(null);
  return (
    <div aria-busy={pending}>
      {decided && (
        <p role="status" data-testid="decision-outcome" className="mb-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {decided}
        </p>
      )}
      <div className="mb-3 flex flex-wrap items-end gap-2">
        <div className="w-48">
          <label htmlFor="filter-status" className="mb-1 block text-xs font-medium text-slate-700">
            Status
          </label>
          <Select id="filter-status" value={query.status} onChange={(e) => update({ status: e.target.value === "REQUESTED" ? null : e.target.value })}>
            {STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </Select>
        </div>
        {(
          [
            { id: "tool", label: "Tool", options: tools },
            { id: "environment", label: "Environment", options: environments },
          ] as const
        ).map((filter) => (
          <div key={filter.id} className="w-48">
            <label htmlFor={`filter-${filter.id}`} className="mb-1 block text-xs font-medium text-slate-700">
              {filter.label}
            </label>
            <Select id={`filter-${filter.id}`} value={query[filter.id] ?? ""} onChange={(e) => update({ [filter.id]: e.target.value })}>
              <option value="">All</option>
              {filter.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </Select>
          </div>
        ))}
        {filtered && (
          <Button type="button" variant="ghost" onClick={() => update({ tool: null, environment: null })}>
            Clear filters
          </Button>
        )}
        <TableActions table={table} exportHref="/api/v1/export/grants.csv" exportQuery={query} />
      </div>
      <DecidedContext value={setDecided}>
        <DataTable
          table={table}
          caption="Grants"
          empty={
            <EmptyState title={query.status === "REQUESTED" && !filtered ? "Nothing waiting for a decision" : "No grant matches these filters"}>
              {query.status === "REQUESTED" ? "Platform leads request grants from a tool's page." : `No ${STATUS_LABELS[query.status].toLowerCase()} grants here.`}
            </EmptyState>
          }
        />
      </DecidedContext>
      <Pagination data={data} />
    </div>
  );
}
