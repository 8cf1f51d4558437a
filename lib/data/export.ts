// Exports: each UI table's current view as CSV (through the same data functions as the table, all
// pages, streamed a page at a time), and the whole register as one JSON document. Each export holds
// one of its user's export slots while it runs (export-lease.ts). Records refer to each other by their API
// addresses (tool slug, environment and team names, capability and incident keys, user emails) so
// the document reads on its own and tools can be imported back from it.
import "server-only";
import Papa from "papaparse";
import { prisma } from "@/lib/db/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import { listFindings, sortFindings } from "@/lib/data/findings";
import { listTools } from "@/lib/data/tools";
import type { ToolRow } from "@/lib/dto/tools";
import { changePages, type ChangeDto } from "@/lib/data/changes";
import { listGrants } from "@/lib/data/grants";
import type { FindingDto } from "@/lib/dto/findings";
import type { GrantDto } from "@/lib/dto/grants";
import { displayedGrantStatus } from "@/lib/policy/approvals";
import { auditEventPages, type AuditEventDto } from "@/lib/data/audit";
import { listIncidents, type IncidentRow } from "@/lib/data/incidents";
import { listRisks, type RiskDto } from "@/lib/data/risks";
import { changeListQuerySchema } from "@/lib/validation/changes.validation";
import { grantPageQuerySchema, toListQuery } from "@/lib/validation/grants.validation";
import { auditPageQuerySchema } from "@/lib/validation/audit.validation";
import { parseIncidentListQuery } from "@/lib/validation/incidents.validation";
import { riskListQuerySchema } from "@/lib/validation/risks.validation";
import { findingPageQuerySchema } from "@/lib/validation/findings.validation";
import { lenientQuery } from "@/lib/validation/paging";
import { parseToolListQuery } from "@/lib/validation/tools.validation";
import { takeExportLease, type ExportLease } from "./export-lease";
import { policyInForce } from "./policy";

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────────

export interface CsvColumn<Row> {
  /** The CSV header; also the table's column id (what ?hide= names) unless `column` says otherwise. */
  id: string;
  /** The table column this field is shown in, when one table column shows several fields. */
  column?: string;
  value: (row: Row) => string | number | boolean | null;
  /** Key columns stay in the file even when hidden in the table. */
  always?: boolean;
}

/** Separator of list cells (modes, environments); the tool import accepts it back. */
export const LIST_SEPARATOR = ";";

// escapeFormulae so that a cell starting with = + - @ is text, not a formula, when the file is opened
// (CSV injection).
const CSV_OPTIONS = { escapeFormulae: true, newline: "\r\n" };
/** Rows read from the database per step of a streamed export. */
const EXPORT_PAGE_SIZE = 500;

/** CSV lines, each ended by CRLF, so that pages of them concatenate into one file. */
function csvLines(cells: (string | number | boolean)[][]): string {
  return Papa.unparse(cells, CSV_OPTIONS) + "\r\n";
}

function visibleColumns<Row>(columns: CsvColumn<Row>[], params: URLSearchParams): CsvColumn<Row>[] {
  const hidden = new Set((params.get("hide") ?? "").split(",").filter(Boolean));
  return columns.filter((c) => c.always || !hidden.has(c.column ?? c.id));
}

export interface CsvExport {
  filename: string;
  /** The rows the file holds, counted as it started. */
  rows: number;
  body: ReadableStream<Uint8Array>;
}

/** A view's rows, read a page at a time as the download is consumed. */
interface RowPages<Row> {
  total: number;
  pages: AsyncGenerator<Row[]>;
}

export interface ExportOptions {
  now?: Date;
  /** Rows per page read (tests make it small to cross many page boundaries). */
  pageSize?: number;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * The file as a stream: the header, then one chunk per page, read only when the client has taken the
 * previous one, so a large export never sits in memory whole. The lease is given back when the last
 * page is sent, when reading fails and when the client goes away.
 */
function csvBody<Row>(columns: CsvColumn<Row>[], pages: AsyncGenerator<Row[]>, lease: ExportLease): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let empty = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM so that spreadsheet programs read UTF-8.
      controller.enqueue(encoder.encode("\uFEFF" + csvLines([columns.map((c) => c.id)])));
    },
    async pull(controller) {
      try {
        const next = await pages.next();
        if (next.done) {
          // Byte for byte as the whole-file export wrote a view without rows: one empty line after the header.
          if (empty) controller.enqueue(encoder.encode("\r\n"));
          await lease.release();
          controller.close();
          return;
        }
        if (next.value.length > 0) {
          empty = false;
          controller.enqueue(encoder.encode(csvLines(next.value.map((row) => columns.map((c) => c.value(row) ?? "")))));
        }
        await lease.renew();
      } catch (error) {
        await lease.release();
        controller.error(error);
      }
    },
    async cancel() {
      await lease.release();
      await pages.return(undefined);
    },
  });
}

async function csvExport<Row>(actor: Actor, name: string, columns: CsvColumn<Row>[], params: URLSearchParams, options: ExportOptions, rows: (pageSize: number) => Promise<RowPages<Row>>): Promise<CsvExport> {
  authorize(actor, "register:read");
  const now = options.now ?? new Date();
  const lease = await takeExportLease(actor.id, { now });
  try {
    const { total, pages } = await rows(options.pageSize ?? EXPORT_PAGE_SIZE);
    return { filename: `${name}-${today(now)}.csv`, rows: total, body: csvBody(visibleColumns(columns, params), pages, lease) };
  } catch (error) {
    await lease.release();
    throw error;
  }
}

/**
 * A list function's pages in its own filters and sort (offset paging; the sort is total, each list
 * ending on a unique key). The first page is read at once, so a bad query fails before the response
 * starts. A list that shrank meanwhile answers its last page again for a page past it: that ends it.
 */
async function listPages<Row>(
  pageSize: number,
  list: (window: { page: number; pageSize: number }) => Promise<{ rows: Row[]; total: number; page: number; pageCount: number }>,
): Promise<RowPages<Row>> {
  const first = await list({ page: 1, pageSize });
  async function* pages() {
    yield first.rows;
    for (let page = 2; page <= first.pageCount; page++) {
      const next = await list({ page, pageSize });
      if (next.page !== page) return;
      yield next.rows;
    }
  }
  return { total: first.total, pages: pages() };
}

/** Rows computed in memory (findings, risks), handed out in pages all the same. */
function inPages<Row>(pageSize: number, rows: Row[]): RowPages<Row> {
  async function* pages() {
    for (let start = 0; start < rows.length; start += pageSize) yield rows.slice(start, start + pageSize);
  }
  return { total: rows.length, pages: pages() };
}

export function csvResponse(file: CsvExport): Response {
  return new Response(file.body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-total-count": String(file.rows),
    },
  });
}

export const TOOL_CSV_COLUMNS: CsvColumn<ToolRow>[] = [
  { id: "slug", value: (t) => t.slug, always: true },
  { id: "name", value: (t) => t.name, always: true },
  { id: "vendor", value: (t) => t.vendor },
  { id: "kind", value: (t) => t.kind },
  { id: "status", value: (t) => t.status },
  { id: "ownerTeam", value: (t) => t.ownerTeam },
  { id: "modes", value: (t) => t.modes.join(LIST_SEPARATOR) },
  { id: "environments", value: (t) => t.environments.join(LIST_SEPARATOR) },
  { id: "updatedAt", value: (t) => t.updatedAt.toISOString() },
];

// The Register table's view: its URL's filters, sort and hidden columns, every page.
export async function exportToolsCsv(actor: Actor, params: URLSearchParams, options: ExportOptions = {}): Promise<CsvExport> {
  const query = parseToolListQuery(params);
  return csvExport(actor, "tools", TOOL_CSV_COLUMNS, params, options, (pageSize) => listPages(pageSize, (window) => listTools(actor, { ...query, ...window })));
}

export const FINDING_CSV_COLUMNS: CsvColumn<FindingDto>[] = [
  { id: "severity", value: (f) => f.severity, always: true },
  { id: "tool", value: (f) => f.tool },
  { id: "environment", value: (f) => f.environment },
  { id: "rule", value: (f) => f.rule },
  { id: "explanation", value: (f) => f.explanation },
  { id: "since", value: (f) => f.since.toISOString() },
];

// The Findings table's view: its URL's filters, sort and hidden columns, every page. The query is
// read as leniently as the page reads it, so the file always matches what the table shows.
export async function exportFindingsCsv(actor: Actor, params: URLSearchParams, options: ExportOptions = {}): Promise<CsvExport> {
  const query = lenientQuery(findingPageQuerySchema, Object.fromEntries(params));
  const now = options.now ?? new Date();
  return csvExport(actor, "findings", FINDING_CSV_COLUMNS, params, { ...options, now }, async (pageSize) => inPages(pageSize, sortFindings(await listFindings(actor, query, now), query)));
}

export const CHANGE_CSV_COLUMNS: CsvColumn<ChangeDto>[] = [
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
];

// The Changes table's view: its URL's filters, sort and hidden columns, every page.
export async function exportChangesCsv(actor: Actor, params: URLSearchParams, options: ExportOptions = {}): Promise<CsvExport> {
  const query = changeListQuerySchema.parse(Object.fromEntries(params));
  return csvExport(actor, "changes", CHANGE_CSV_COLUMNS, params, options, (pageSize) => changePages(actor, query, pageSize));
}

export const GRANT_CSV_COLUMNS: CsvColumn<GrantDto>[] = [
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
  { id: "createdAt", value: (g) => g.createdAt.toISOString() },
  { id: "requester", value: (g) => g.requester, column: "createdAt" },
  { id: "expiresAt", value: (g) => g.expiresAt?.toISOString() ?? null, column: "createdAt" },
];

// The Grants queue's view: its URL's status (pending by default, as the page), filters, sort and
// hidden columns, every page.
export async function exportGrantsCsv(actor: Actor, params: URLSearchParams, options: ExportOptions = {}): Promise<CsvExport> {
  const query = toListQuery(lenientQuery(grantPageQuerySchema, Object.fromEntries(params)));
  const now = options.now ?? new Date();
  return csvExport(actor, "grants", GRANT_CSV_COLUMNS, params, { ...options, now }, (pageSize) => listPages(pageSize, (window) => listGrants(actor, { ...query, ...window }, now)));
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const AUDIT_CSV_COLUMNS: CsvColumn<AuditEventDto>[] = [
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
];

// The Audit table's view: its URL's filters and hidden columns, every event, newest first.
export async function exportAuditCsv(actor: Actor, params: URLSearchParams, options: ExportOptions = {}): Promise<CsvExport> {
  const query = auditPageQuerySchema.parse(Object.fromEntries(params));
  return csvExport(actor, "audit", AUDIT_CSV_COLUMNS, params, options, (pageSize) => auditEventPages(actor, query, pageSize));
}

export const INCIDENT_CSV_COLUMNS: CsvColumn<IncidentRow>[] = [
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
];

// The Incidents table's view: its URL's filters (several severities or statuses too), sort and hidden
// columns, every page.
export async function exportIncidentsCsv(actor: Actor, params: URLSearchParams, options: ExportOptions = {}): Promise<CsvExport> {
  const query = parseIncidentListQuery(params);
  const now = options.now ?? new Date();
  return csvExport(actor, "incidents", INCIDENT_CSV_COLUMNS, params, { ...options, now }, (pageSize) => listPages(pageSize, (window) => listIncidents(actor, { ...query, ...window }, now)));
}

export const RISK_CSV_COLUMNS: CsvColumn<RiskDto>[] = [
  { id: "id", value: (r) => r.id, always: true },
  { id: "score", value: (r) => r.score, always: true },
  { id: "statement", value: (r) => r.statement, always: true },
  { id: "tool", value: (r) => r.tool },
  { id: "likelihood", value: (r) => r.likelihood },
  { id: "impact", value: (r) => r.impact },
  { id: "treatment", value: (r) => r.treatment },
  { id: "ownerTeam", value: (r) => r.ownerTeam, column: "owner" },
  { id: "ownerUser", value: (r) => r.ownerUser?.email ?? null, column: "owner" },
  { id: "nextReview", value: (r) => r.nextReview.slice(0, 10) },
  { id: "reviewOverdue", value: (r) => r.reviewOverdue, column: "nextReview" },
  { id: "openMitigations", value: (r) => r.openMitigations },
  { id: "mitigations", value: (r) => r.mitigations, column: "openMitigations" },
];

// The Risks table's view: its URL's filters (the heat-map cell too), sort and hidden columns, every page.
export async function exportRisksCsv(actor: Actor, params: URLSearchParams, options: ExportOptions = {}): Promise<CsvExport> {
  const query = riskListQuerySchema.parse(Object.fromEntries(params));
  const now = options.now ?? new Date();
  return csvExport(actor, "risks", RISK_CSV_COLUMNS, params, { ...options, now }, async (pageSize) => inPages(pageSize, (await listRisks(actor, query, now, { all: true })).rows));
}

// ── The whole register as JSON ──────────────────────────────────────────────────────────────────

export const EXPORT_FORMAT = "genai-risk-register/v1";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

// The whole register, read while holding one of the user's export slots.
export async function exportRegister(actor: Actor, now = new Date()) {
  authorize(actor, "register:read");
  const lease = await takeExportLease(actor.id, { now });
  try {
    return await readRegister(actor, now);
  } finally {
    await lease.release();
  }
}

// One repeatable-read transaction: every section is read from the same instant of the register.
async function readRegister(actor: Actor, now: Date) {
  return prisma().$transaction(
    async (tx) => {
      // Sequential on purpose: the embedded database serves one connection.
      const teams = await tx.team.findMany({ orderBy: { name: "asc" } });
      const environments = await tx.environment.findMany({ orderBy: [{ tier: "asc" }, { name: "asc" }] });
      const capabilities = await tx.capability.findMany({ orderBy: [{ class: "asc" }, { key: "asc" }] });
      const tools = await tx.aiTool.findMany({ orderBy: { slug: "asc" }, include: { ownerTeam: { select: { name: true } } } });
      const grants = await tx.grant.findMany({
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: {
          tool: { select: { slug: true } },
          environment: { select: { name: true } },
          requester: { select: { email: true } },
          decisions: { orderBy: { createdAt: "asc" }, include: { reviewer: { select: { email: true } } } },
        },
      });
      const observations = await tx.observation.findMany({
        orderBy: [{ tool: { slug: "asc" } }, { environment: { name: "asc" } }],
        include: { tool: { select: { slug: true } }, environment: { select: { name: true } } },
      });
      const incidents = await tx.incident.findMany({
        orderBy: [{ startedAt: "asc" }, { key: "asc" }],
        include: { tools: { include: { tool: { select: { slug: true } } }, orderBy: { createdAt: "asc" } }, changes: { include: { change: { select: { externalId: true } } } } },
      });
      const mitigations = await tx.mitigation.findMany({
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { incident: { select: { key: true } }, ownerTeam: { select: { name: true } }, ownerUser: { select: { email: true } } },
      });
      const changes = await tx.change.findMany({
        orderBy: [{ deployedAt: "asc" }, { externalId: "asc" }],
        include: { environment: { select: { name: true } }, tool: { select: { slug: true } } },
      });
      const risks = await tx.risk.findMany({
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { tool: { select: { slug: true } }, ownerTeam: { select: { name: true } }, ownerUser: { select: { email: true } } },
      });

      const sections = {
        teams: teams.map((t) => ({ name: t.name, description: t.description ?? "" })),
        environments: environments.map((e) => ({ name: e.name, tier: e.tier, dataSensitivity: e.dataSensitivity, criticalPath: e.criticalPath, description: e.description })),
        capabilities: capabilities.map((c) => ({ key: c.key, class: c.class, description: c.description })),
        tools: tools.map((t) => ({
          slug: t.slug,
          name: t.name,
          vendor: t.vendor,
          kind: t.kind,
          status: t.status,
          ownerTeam: t.ownerTeam.name,
          modes: t.modes,
          description: t.description,
          createdAt: iso(t.createdAt),
          updatedAt: iso(t.updatedAt),
        })),
        grants: grants.map((g) => ({
          id: g.id,
          tool: g.tool.slug,
          environment: g.environment.name,
          maxAutonomy: g.maxAutonomy,
          capabilities: g.capabilities,
          justification: g.justification,
          expiresAt: iso(g.expiresAt),
          status: g.status,
          requester: g.requester.email,
          createdAt: iso(g.createdAt),
          decidedAt: iso(g.decidedAt),
          revokedAt: iso(g.revokedAt),
          decisions: g.decisions.map((d) => ({ reviewer: d.reviewer.email, decision: d.decision, senior: d.senior, comment: d.comment, at: iso(d.createdAt) })),
        })),
        observations: observations.map((o) => ({
          tool: o.tool.slug,
          environment: o.environment.name,
          autonomy: o.autonomy,
          capabilities: o.capabilities,
          source: o.source,
          observedAt: iso(o.observedAt),
        })),
        incidents: incidents.map((i) => ({
          key: i.key,
          title: i.title,
          severity: i.severity,
          status: i.status,
          startedAt: iso(i.startedAt),
          detectedAt: iso(i.detectedAt),
          resolvedAt: iso(i.resolvedAt),
          summary: i.summary,
          environments: i.blastEnvironments,
          services: i.blastServices,
          regions: i.blastRegions,
          customerImpact: i.customerImpact,
          postmortemUrl: i.postmortemUrl,
          genAiContributed: i.genAiContributed,
          tools: i.tools.map((link) => ({ tool: link.tool.slug, role: link.role })),
          changes: i.changes.map((link) => link.change.externalId).sort(),
        })),
        mitigations: mitigations.map((m) => ({
          id: m.id,
          title: m.title,
          kind: m.kind,
          status: m.status,
          dueDate: iso(m.dueDate),
          incident: m.incident?.key ?? null,
          risk: m.riskId,
          grant: m.grantId,
          ownerTeam: m.ownerTeam?.name ?? null,
          ownerUser: m.ownerUser?.email ?? null,
          createdAt: iso(m.createdAt),
          updatedAt: iso(m.updatedAt),
        })),
        changes: changes.map((c) => ({
          externalId: c.externalId,
          service: c.service,
          environment: c.environment.name,
          changeType: c.changeType,
          aiOrigin: c.aiOrigin,
          tool: c.tool?.slug ?? null,
          mode: c.mode,
          approvers: c.approvers,
          rollbackPlan: c.rollbackPlan,
          deployedAt: iso(c.deployedAt),
          violations: c.violations,
        })),
        risks: risks.map((r) => ({
          id: r.id,
          tool: r.tool.slug,
          statement: r.statement,
          likelihood: r.likelihood,
          impact: r.impact,
          treatment: r.treatment,
          ownerTeam: r.ownerTeam?.name ?? null,
          ownerUser: r.ownerUser?.email ?? null,
          nextReview: iso(r.nextReview),
        })),
      };
      // The rules in force belong to the register: the same findings follow from the same policy.
      const { version, policy } = await policyInForce(tx);
      return {
        format: EXPORT_FORMAT,
        exportedAt: now.toISOString(),
        exportedBy: actor.email,
        policy: { version, ...policy },
        counts: Object.fromEntries(Object.entries(sections).map(([name, rows]) => [name, rows.length])) as Record<keyof typeof sections, number>,
        ...sections,
      };
    },
    { isolationLevel: "RepeatableRead" },
  );
}

export type RegisterDocument = Awaited<ReturnType<typeof exportRegister>>;
