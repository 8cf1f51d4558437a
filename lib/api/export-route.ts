// The tables' CSV exports: each view's columns (the table's, with ?hide= honoured) over the rows
// lib/data/export.ts reads, streamed as a download; and the JSON documents' downloads.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { AuditEventDto } from "@/lib/dto/audit";
import type { ChangeDto } from "@/lib/dto/changes";
import type { IncidentRow } from "@/lib/dto/incidents";
import type { RiskDto } from "@/lib/dto/risks";
import {
  auditExportRows,
  changeExportRows,
  findingExportRows,
  grantExportRows,
  incidentExportRows,
  riskExportRows,
  toolExportRows,
  type ExportOptions,
  type ExportRows,
} from "@/lib/data/export";
import type { FindingDto } from "@/lib/dto/findings";
import type { GrantDto } from "@/lib/dto/grants";
import type { ToolRow } from "@/lib/dto/tools";
import { displayedGrantStatus } from "@/lib/policy/approvals";
import type { AuditQuery } from "@/lib/validation/audit.validation";
import type { ChangeListQuery } from "@/lib/validation/changes.validation";
import type { FindingPageQuery } from "@/lib/validation/findings.validation";
import type { GrantPageQuery } from "@/lib/validation/grants.validation";
import type { IncidentListQuery } from "@/lib/validation/incidents.validation";
import type { RiskListQuery } from "@/lib/validation/risks.validation";
import type { ToolListQuery } from "@/lib/validation/tools.validation";
import { attachment, csvResponse, csvStream, LIST_SEPARATOR, visibleColumns, type CsvColumn, type CsvFile } from "./csv";
import { Reply } from "./operation";

/** A table's CSV export: its file name, its columns and how its rows are read. */
export interface CsvView<Query, Row> {
  name: string;
  columns: CsvColumn<Row>[];
  rows: (actor: Actor, query: Query, options: ExportOptions) => Promise<ExportRows<Row>>;
}

export const TOOLS_CSV: CsvView<ToolListQuery, ToolRow> = {
  name: "tools",
  rows: toolExportRows,
  columns: [
    { id: "slug", value: (t) => t.slug, always: true },
    { id: "name", value: (t) => t.name, always: true },
    { id: "vendor", value: (t) => t.vendor },
    { id: "kind", value: (t) => t.kind },
    { id: "status", value: (t) => t.status },
    { id: "ownerTeam", value: (t) => t.ownerTeam },
    { id: "modes", value: (t) => t.modes.join(LIST_SEPARATOR) },
    { id: "environments", value: (t) => t.environments.join(LIST_SEPARATOR) },
    { id: "updatedAt", value: (t) => t.updatedAt },
  ],
};

export const FINDINGS_CSV: CsvView<FindingPageQuery, FindingDto> = {
  name: "findings",
  rows: findingExportRows,
  columns: [
    { id: "severity", value: (f) => f.severity, always: true },
    { id: "tool", value: (f) => f.tool },
    { id: "environment", value: (f) => f.environment },
    { id: "rule", value: (f) => f.rule },
    { id: "explanation", value: (f) => f.explanation },
    { id: "state", value: (f) => f.state },
    { id: "firstSeenAt", value: (f) => f.firstSeenAt },
    { id: "resolvedAt", value: (f) => f.resolvedAt },
  ],
};

export const CHANGES_CSV: CsvView<ChangeListQuery, ChangeDto> = {
  name: "changes",
  rows: changeExportRows,
  columns: [
    { id: "externalId", value: (c) => c.externalId, always: true },
    { id: "deployedAt", value: (c) => c.deployedAt },
    { id: "service", value: (c) => c.service },
    { id: "environment", value: (c) => c.environment },
    { id: "changeType", value: (c) => c.changeType },
    { id: "aiOrigin", value: (c) => c.aiOrigin },
    { id: "tool", value: (c) => c.tool },
    { id: "mode", value: (c) => c.mode },
    { id: "approvers", value: (c) => c.approvers.join(LIST_SEPARATOR) },
    { id: "violations", value: (c) => c.violations.map((v) => v.code).join(LIST_SEPARATOR) },
  ],
};

export const GRANTS_CSV: CsvView<GrantPageQuery, GrantDto> = {
  name: "grants",
  rows: grantExportRows,
  columns: [
    // The "Grant" cell, never hidden.
    { id: "id", value: (g) => g.id, always: true },
    { id: "tool", value: (g) => g.tool, always: true },
    { id: "environment", value: (g) => g.environment, always: true },
    // As the queue's badge says it: the effective status, or SUPERSEDED.
    { id: "status", value: (g) => displayedGrantStatus(g), always: true },
    { id: "supersededBy", value: (g) => g.supersededBy, always: true },
    { id: "maxAutonomy", value: (g) => g.maxAutonomy, always: true },
    { id: "justification", value: (g) => g.justification, always: true },
    // The "Risk" cell.
    { id: "tier", value: (g) => g.risk.tier },
    { id: "dataSensitivity", value: (g) => g.risk.dataSensitivity, column: "tier" },
    { id: "criticalPath", value: (g) => g.risk.criticalPath, column: "tier" },
    { id: "capabilities", value: (g) => g.capabilities.join(LIST_SEPARATOR), column: "tier" },
    // The "Approvals: required · given" cell.
    { id: "requiredApprovals", value: (g) => g.requiredApprovals.count },
    { id: "seniorRequired", value: (g) => g.requiredApprovals.seniorRequired, column: "requiredApprovals" },
    { id: "approvals", value: (g) => g.progress.approvals, column: "requiredApprovals" },
    { id: "seniorApprovals", value: (g) => g.progress.seniorApprovals, column: "requiredApprovals" },
    { id: "decisions", value: (g) => g.decisions.map((d) => `${d.decision} ${d.reviewer}`).join(LIST_SEPARATOR), column: "requiredApprovals" },
    // The "Requested" cell.
    { id: "createdAt", value: (g) => g.createdAt },
    { id: "requester", value: (g) => g.requester, column: "createdAt" },
    { id: "expiresAt", value: (g) => g.expiresAt, column: "createdAt" },
  ],
};

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const AUDIT_CSV: CsvView<AuditQuery, AuditEventDto> = {
  name: "audit",
  rows: auditExportRows,
  columns: [
    { id: "id", value: (e) => e.id },
    { id: "at", value: (e) => e.at },
    { id: "actor", value: (e) => e.actor },
    { id: "action", value: (e) => e.action, always: true },
    { id: "entity", value: (e) => e.entity },
    { id: "entityId", value: (e) => e.entityId, column: "entity" },
    // The "Before → after" cell, as JSON.
    { id: "before", value: (e) => json(e.before), column: "changes" },
    { id: "after", value: (e) => json(e.after), column: "changes" },
    { id: "hash", value: (e) => e.hash },
    { id: "prevHash", value: (e) => e.prevHash, column: "hash" },
  ],
};

export const INCIDENTS_CSV: CsvView<IncidentListQuery, IncidentRow> = {
  name: "incidents",
  rows: incidentExportRows,
  columns: [
    { id: "key", value: (i) => i.key, always: true },
    { id: "title", value: (i) => i.title, always: true },
    { id: "severity", value: (i) => i.severity },
    { id: "status", value: (i) => i.status },
    { id: "genAiContributed", value: (i) => i.genAiContributed },
    { id: "aiLinked", value: (i) => i.aiLinked, column: "genAiContributed" },
    { id: "tools", value: (i) => i.tools.map((t) => `${t.slug}:${t.role}`).join(LIST_SEPARATOR) },
    { id: "startedAt", value: (i) => i.startedAt },
    // The "Duration" cell: started → resolved, or → the export's time while ongoing.
    { id: "resolvedAt", value: (i) => i.resolvedAt, column: "durationMs" },
    { id: "durationMinutes", value: (i) => Math.round(i.durationMs / 60_000), column: "durationMs" },
    { id: "ongoing", value: (i) => i.ongoing, column: "durationMs" },
  ],
};

export const RISKS_CSV: CsvView<RiskListQuery, RiskDto> = {
  name: "risks",
  rows: riskExportRows,
  columns: [
    { id: "id", value: (r) => r.id, always: true },
    { id: "score", value: (r) => r.score, always: true },
    { id: "statement", value: (r) => r.statement, always: true },
    { id: "tool", value: (r) => r.tool },
    { id: "likelihood", value: (r) => r.likelihood },
    { id: "impact", value: (r) => r.impact },
    { id: "treatment", value: (r) => r.treatment },
    { id: "ownerTeam", value: (r) => r.ownerTeam, column: "owner" },
    { id: "ownerUser", value: (r) => r.ownerUser?.email ?? null, column: "owner" },
    { id: "nextReview", value: (r) => r.nextReview.toISOString().slice(0, 10) },
    { id: "reviewOverdue", value: (r) => r.reviewOverdue, column: "nextReview" },
    { id: "openMitigations", value: (r) => r.openMitigations },
    { id: "mitigations", value: (r) => r.mitigations, column: "openMitigations" },
  ],
};

const day = (date: Date) => date.toISOString().slice(0, 10);

/** A view's file for its query (the table's, with the hidden columns): header now, rows as they are read. */
export async function csvFile<Query, Row>(view: CsvView<Query, Row>, actor: Actor, query: Query & { hide: string[] }, options: ExportOptions = {}): Promise<CsvFile> {
  const now = options.now ?? new Date();
  const rows = await view.rows(actor, query, { ...options, now });
  return { filename: `${view.name}-${day(now)}.csv`, rows: rows.total, body: csvStream(visibleColumns(view.columns, query.hide), rows) };
}

/** A table's CSV export route's answer: the file, streamed. */
export async function csvDownload<Query, Row>(view: CsvView<Query, Row>, actor: Actor, query: Query & { hide: string[] }): Promise<Response> {
  return csvResponse(await csvFile(view, actor, query));
}

/** A JSON document answered as a download named for its day (register-2026-06-01.json). */
export function jsonDownload<T>(document: T, name: string, exportedAt: Date | string): Reply<T> {
  return new Reply(document, 200, attachment(`${name}-${new Date(exportedAt).toISOString().slice(0, 10)}.json`));
}
