// Exports' data: each UI table's current view, read through the same data function as the table,
// every page, a page at a time as the download is consumed; and the whole register as one document.
// Each export holds one of its user's export slots while it runs (export-lease.ts). Rendering the
// files (CSV, their headers) is lib/api's (lib/api/csv.ts, lib/api/export-route.ts).
import "server-only";
import { prisma } from "@/lib/db/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { AuditEventDto } from "@/lib/dto/audit";
import type { ChangeDto } from "@/lib/dto/changes";
import { EXPORT_FORMAT, type RegisterDocument, type RegisterSections } from "@/lib/dto/export";
import type { IncidentRow } from "@/lib/dto/incidents";
import type { RiskDto } from "@/lib/dto/risks";
import type { AuditQuery } from "@/lib/validation/audit.validation";
import type { ChangeListQuery } from "@/lib/validation/changes.validation";
import type { FindingPageQuery } from "@/lib/validation/findings.validation";
import { toListQuery, type GrantPageQuery } from "@/lib/validation/grants.validation";
import type { IncidentListQuery } from "@/lib/validation/incidents.validation";
import type { RiskListQuery } from "@/lib/validation/risks.validation";
import type { ToolListQuery } from "@/lib/validation/tools.validation";
import { auditEventPages } from "./audit";
import { capabilityDto, environmentDto, teamFields } from "./catalog";
import { changeEntry, changeInclude, changePages } from "./changes";
import type { FindingDto } from "@/lib/dto/findings";
import { findingsPage } from "./findings";
import type { GrantDto } from "@/lib/dto/grants";
import { listGrants } from "./grants";
import { listIncidents } from "./incidents";
import { listRisks } from "./risks";
import type { ToolRow } from "@/lib/dto/tools";
import { listTools } from "./tools";
import { observationSourceFields, toolFieldsDto } from "./tool-dto";
import { takeExportLease, whileHoldingExportSlot } from "./export-lease";
import { policyInForce } from "./policy";

// ── A table's view, page by page ────────────────────────────────────────────────────────────────

/** A view's rows for an export, read a page at a time as they are asked for, holding an export slot. */
export interface ExportRows<Row> {
  /** The rows the view holds, counted as the export started. */
  total: number;
  /** The pages in order; the slot is given back after the last one, or when reading one fails. */
  pages: AsyncGenerator<Row[], void, undefined>;
  /** Gives the slot back before the end (the client went away); safe to call more than once. */
  close(): Promise<void>;
}

export interface ExportOptions {
  now?: Date;
  /** Rows per page read (tests make it small to cross many page boundaries). */
  pageSize?: number;
}

/** Rows read from the database per step of a streamed export. */
const EXPORT_PAGE_SIZE = 500;

interface RowPages<Row> {
  total: number;
  pages: AsyncGenerator<Row[]>;
}

/**
 * Takes one of the user's export slots, then reads the view's first page (so a bad query fails
 * before anything is sent); each later page is read only when asked for, so a large export never
 * sits in memory whole. The slot is renewed after each page and given back at the end, on a
 * failure, or on close().
 */
async function heldExport<Row>(actor: Actor, options: ExportOptions, read: (pageSize: number, now: Date) => Promise<RowPages<Row>>): Promise<ExportRows<Row>> {
  authorize(actor, "register:read");
  const now = options.now ?? new Date();
  const lease = await takeExportLease(actor.id, { now });
  let rows: RowPages<Row>;
  try {
    rows = await read(options.pageSize ?? EXPORT_PAGE_SIZE, now);
  } catch (error) {
    await lease.release();
    throw error;
  }
  async function* pages() {
    try {
      for await (const page of rows.pages) {
        yield page;
        await lease.renew();
      }
    } finally {
      await lease.release();
    }
  }
  const held = pages();
  return {
    total: rows.total,
    pages: held,
    async close() {
      await lease.release();
      await held.return(undefined);
    },
  };
}

/**
 * A list function's pages in its own filters and sort (offset paging; the sort is total, each list
 * ending on a unique key). A list that shrank meanwhile answers its last page again for a page past
 * it: that ends it.
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

/** Rows computed in memory (risks), handed out in pages all the same. */
function inPages<Row>(pageSize: number, rows: Row[]): RowPages<Row> {
  async function* pages() {
    for (let start = 0; start < rows.length; start += pageSize) yield rows.slice(start, start + pageSize);
  }
  return { total: rows.length, pages: pages() };
}

// The Register table's view: its filters and sort, every page.
export function toolExportRows(actor: Actor, query: ToolListQuery, options: ExportOptions = {}): Promise<ExportRows<ToolRow>> {
  return heldExport(actor, options, (pageSize) => listPages(pageSize, (window) => listTools(actor, { ...query, ...window })));
}

// The Findings table's view, as the page reads it.
export function findingExportRows(actor: Actor, query: FindingPageQuery, options: ExportOptions = {}): Promise<ExportRows<FindingDto>> {
  return heldExport(actor, options, (pageSize) => listPages(pageSize, (window) => findingsPage(actor, { ...query, ...window })));
}

// The Changes table's view.
export function changeExportRows(actor: Actor, query: ChangeListQuery, options: ExportOptions = {}): Promise<ExportRows<ChangeDto>> {
  return heldExport(actor, options, (pageSize) => changePages(actor, query, pageSize));
}

// The Grants queue's view: its status (pending by default, as the page), filters and sort.
export function grantExportRows(actor: Actor, query: GrantPageQuery, options: ExportOptions = {}): Promise<ExportRows<GrantDto>> {
  const list = toListQuery(query);
  return heldExport(actor, options, (pageSize, now) => listPages(pageSize, (window) => listGrants(actor, { ...list, ...window }, now)));
}

// The Audit table's view: every event of its filters, newest first.
export function auditExportRows(actor: Actor, query: AuditQuery, options: ExportOptions = {}): Promise<ExportRows<AuditEventDto>> {
  return heldExport(actor, options, (pageSize) => auditEventPages(actor, query, pageSize));
}

// The Incidents table's view (several severities or statuses too).
export function incidentExportRows(actor: Actor, query: IncidentListQuery, options: ExportOptions = {}): Promise<ExportRows<IncidentRow>> {
  return heldExport(actor, options, (pageSize, now) => listPages(pageSize, (window) => listIncidents(actor, { ...query, ...window }, now)));
}

// The Risks table's view (the heat-map cell too).
export function riskExportRows(actor: Actor, query: RiskListQuery, options: ExportOptions = {}): Promise<ExportRows<RiskDto>> {
  return heldExport(actor, options, async (pageSize, now) => inPages(pageSize, (await listRisks(actor, query, now, { all: true })).rows));
}

// ── The whole register as JSON ──────────────────────────────────────────────────────────────────

// The whole register, read while holding one of the user's export slots.
export async function exportRegister(actor: Actor, now = new Date()): Promise<RegisterDocument> {
  authorize(actor, "register:read");
  return whileHoldingExportSlot(actor.id, now, () => readRegister(actor, now));
}

// One repeatable-read transaction: every section is read from the same instant of the register.
async function readRegister(actor: Actor, now: Date): Promise<RegisterDocument> {
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
          certifications: { orderBy: { createdAt: "asc" }, include: { reviewer: { select: { email: true } } } },
        },
      });
      const observations = await tx.observation.findMany({
        orderBy: [{ tool: { slug: "asc" } }, { environment: { name: "asc" } }, { connector: "asc" }, { scope: "asc" }],
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
      const changes = await tx.change.findMany({ orderBy: [{ deployedAt: "asc" }, { externalId: "asc" }], include: changeInclude });
      const exceptions = await tx.findingException.findMany({
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: {
          finding: { select: { toolSlug: true, environmentName: true, rule: true } },
          owner: { select: { email: true } },
          proposedBy: { select: { email: true } },
          confirmedBy: { select: { email: true } },
        },
      });
      const risks = await tx.risk.findMany({
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { tool: { select: { slug: true } }, ownerTeam: { select: { name: true } }, ownerUser: { select: { email: true } } },
      });

      const sections: RegisterSections = {
        teams: teams.map(teamFields),
        environments: environments.map(environmentDto),
        capabilities: capabilities.map(capabilityDto),
        tools: tools.map((t) => ({ ...toolFieldsDto(t), createdAt: t.createdAt, updatedAt: t.updatedAt })),
        grants: grants.map((g) => ({
          id: g.id,
          tool: g.tool.slug,
          environment: g.environment.name,
          maxAutonomy: g.maxAutonomy,
          capabilities: g.capabilities,
          justification: g.justification,
          expiresAt: g.expiresAt,
          status: g.status,
          requester: g.requester.email,
          createdAt: g.createdAt,
          decidedAt: g.decidedAt,
          revokedAt: g.revokedAt,
          decisions: g.decisions.map((d) => ({ reviewer: d.reviewer.email, decision: d.decision, senior: d.senior, comment: d.comment, at: d.createdAt })),
          certifications: g.certifications.map((c) => ({ reviewer: c.reviewer.email, comment: c.comment, at: c.createdAt })),
        })),
        observations: observations.map((o) => ({ tool: o.tool.slug, environment: o.environment.name, ...observationSourceFields(o) })),
        incidents: incidents.map((i) => ({
          key: i.key,
          title: i.title,
          severity: i.severity,
          status: i.status,
          startedAt: i.startedAt,
          detectedAt: i.detectedAt,
          resolvedAt: i.resolvedAt,
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
          dueDate: m.dueDate,
          incident: m.incident?.key ?? null,
          risk: m.riskId,
          grant: m.grantId,
          ownerTeam: m.ownerTeam?.name ?? null,
          ownerUser: m.ownerUser?.email ?? null,
          createdAt: m.createdAt,
          updatedAt: m.updatedAt,
        })),
        changes: changes.map(changeEntry),
        exceptions: exceptions.map((e) => ({
          id: e.id,
          finding: e.findingId,
          tool: e.finding.toolSlug,
          environment: e.finding.environmentName,
          rule: e.finding.rule,
          reason: e.reason,
          owner: e.owner.email,
          proposedBy: e.proposedBy.email,
          proposedAt: e.createdAt,
          expiresAt: e.expiresAt,
          needsConfirmation: e.needsConfirmation,
          confirmedBy: e.confirmedBy?.email ?? null,
          confirmedAt: e.confirmedAt,
          acceptedSeverity: e.acceptedSeverity,
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
          nextReview: r.nextReview,
        })),
      };
      const { version, policy } = await policyInForce(tx);
      return {
        format: EXPORT_FORMAT,
        exportedAt: now,
        exportedBy: actor.email,
        policy: { version, ...policy },
        counts: Object.fromEntries(Object.entries(sections).map(([name, rows]) => [name, rows.length])) as Record<keyof RegisterSections, number>,
        ...sections,
      };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
