// Tool import (CSV or JSON), all or nothing: every row is checked — its fields, its owner team, its
// slug against the other rows and (in create mode) against the register — and only when every row
// passes is anything written, in one transaction, each tool audited as a POST or PATCH would be.
import "server-only";
import { prisma, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAuditEvents } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import {
  parseToolImport,
  validateToolImportRow,
  type ImportFormat,
  type ImportMode,
  type ImportProblem,
  type ToolImportRow,
} from "@/lib/validation/import.validation";
import type { ImportReport, ImportRowReport } from "@/lib/dto/import";
import type { ToolFieldsDto } from "@/lib/dto/tools";
import { changedFields, conflict, teamIdsByName } from "./catalog";
import { toolFieldsDto } from "./tool-dto";

type AnyImportReport = Pick<ImportReport, "fileProblems" | "rejected" | "total"> & { rows: Pick<ImportRowReport, "row" | "outcome" | "problems">[] };

function summary(report: AnyImportReport): string {
  if (report.fileProblems.length) return `The file cannot be imported: ${report.fileProblems.map((p) => `${p.field}: ${p.message}`).join("; ")}.`;
  const rejected = report.rows.filter((r) => r.outcome === "rejected");
  const first = rejected[0];
  const problem = first?.problems[0];
  const said = problem && (problem.message.startsWith(`${problem.field} `) ? problem.message : `${problem.field}: ${problem.message}`);
  const detail = first ? ` First: row ${first.row}, ${said}.` : "";
  return `${report.rejected} of ${report.total} row${report.total === 1 ? "" : "s"} rejected; nothing was imported.${detail}`;
}

export function importRejected(report: AnyImportReport): AppError {
  return new AppError("UNPROCESSABLE", summary(report), report);
}

function newTool(row: ToolImportRow): ToolFieldsDto {
  return {
    slug: row.slug,
    name: row.name,
    vendor: row.vendor,
    kind: row.kind,
    status: row.status ?? "PROPOSED",
    ownerTeam: row.ownerTeam,
    modes: row.modes ?? [],
    description: row.description ?? "",
  };
}

function mergedTool(current: ToolFieldsDto, row: ToolImportRow): ToolFieldsDto {
  return {
    ...current,
    name: row.name,
    vendor: row.vendor,
    kind: row.kind,
    ownerTeam: row.ownerTeam,
    ...(row.status !== undefined && { status: row.status }),
    ...(row.modes !== undefined && { modes: row.modes }),
    ...(row.description !== undefined && { description: row.description }),
  };
}

const CHUNK = 2_000;

// One statement per 2,000 new tools: Prisma's createMany takes ~1 ms per row here. Ids are random
// UUIDs (Prisma's cuid default is generated client-side, not by the database); any unique text will do.
async function insertTools(tx: Tx, creates: { after: ToolFieldsDto; ownerTeamId: string }[]): Promise<void> {
  for (let start = 0; start < creates.length; start += CHUNK) {
    const chunk = creates.slice(start, start + CHUNK);
    const column = <T>(pick: (c: (typeof chunk)[number]) => T) => chunk.map(pick);
    await tx.$executeRaw`
      INSERT INTO "AiTool" (id, slug, name, vendor, kind, status, modes, description, "ownerTeamId", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, v.slug, v.name, v.vendor, v.kind::"ToolKind", v.status::"ToolStatus",
             string_to_array(v.modes, ',')::"Autonomy"[], v.description, v.team, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
      FROM unnest(
        ${column((c) => c.after.slug)}::text[], ${column((c) => c.after.name)}::text[], ${column((c) => c.after.vendor)}::text[],
        ${column((c) => c.after.kind)}::text[], ${column((c) => c.after.status)}::text[], ${column((c) => c.after.modes.join(","))}::text[],
        ${column((c) => c.after.description)}::text[], ${column((c) => c.ownerTeamId)}::text[]
      ) AS v(slug, name, vendor, kind, status, modes, description, team)`;
  }
}

// One statement per 2,000 updated tools: row-by-row updates take minutes for 10,000 tools.
async function updateTools(tx: Tx, updates: { id: string; after: ToolFieldsDto; ownerTeamId: string }[]): Promise<void> {
  for (let start = 0; start < updates.length; start += CHUNK) {
    const chunk = updates.slice(start, start + CHUNK);
    const column = <T>(pick: (u: (typeof chunk)[number]) => T) => chunk.map(pick);
    await tx.$executeRaw`
      UPDATE "AiTool" AS t SET
        name = v.name, vendor = v.vendor, kind = v.kind::"ToolKind", status = v.status::"ToolStatus",
        modes = string_to_array(v.modes, ',')::"Autonomy"[],
        description = v.description, "ownerTeamId" = v.team, "updatedAt" = now() AT TIME ZONE 'UTC'
      FROM unnest(
        ${column((u) => u.id)}::text[], ${column((u) => u.after.name)}::text[], ${column((u) => u.after.vendor)}::text[],
        ${column((u) => u.after.kind)}::text[], ${column((u) => u.after.status)}::text[], ${column((u) => u.after.modes.join(","))}::text[],
        ${column((u) => u.after.description)}::text[], ${column((u) => u.ownerTeamId)}::text[]
      ) AS v(id, name, vendor, kind, status, modes, description, team)
      WHERE t.id = v.id`;
  }
}

/**
 * Imports tools from CSV or JSON text. Resolves with the report when every row is accepted (written,
 * unless a dry run); throws UNPROCESSABLE with the report as details when any row is rejected, having
 * written nothing.
 */
export async function importTools(
  actor: Actor,
  content: string,
  options: { format: ImportFormat; mode?: ImportMode; dryRun?: boolean },
): Promise<ImportReport> {
  authorize(actor, "tool:write");
  const mode = options.mode ?? "upsert";
  const dryRun = options.dryRun ?? false;
  const parsed = parseToolImport(content, options.format);
  const problemsByRow = new Map<number, ImportProblem[]>();
  const addProblem = (problem: ImportProblem) => problemsByRow.set(problem.row, [...(problemsByRow.get(problem.row) ?? []), problem]);
  parsed.problems.forEach(addProblem);

  // Fields first, then each slug once.
  const rows: (ToolImportRow | null)[] = parsed.records.map((record, index) => {
    const result = validateToolImportRow(record, index + 1);
    if ("problems" in result) {
      result.problems.forEach(addProblem);
      return null;
    }
    return result.row;
  });
  const firstRowOfSlug = new Map<string, number>();
  rows.forEach((row, index) => {
    if (!row) return;
    const seen = firstRowOfSlug.get(row.slug);
    if (seen) addProblem({ row: index + 1, field: "slug", message: `"${row.slug}" is also in row ${seen}; each tool once` });
    else firstRowOfSlug.set(row.slug, index + 1);
  });

  try {
    return await prisma().$transaction(
      async (tx) => {
        // References and existing tools, read in the transaction that writes.
        const teams = await teamIdsByName(tx);
        const slugs = rows.flatMap((row) => (row ? [row.slug] : []));
        const existing = new Map(
          (await tx.aiTool.findMany({ where: { slug: { in: slugs } }, include: { ownerTeam: { select: { name: true } } } })).map((tool) => [tool.slug, { id: tool.id, fields: toolFieldsDto(tool) }]),
        );

        // A row with bad fields still has its owner team checked, so one pass names all its problems.
        parsed.records.forEach((record, index) => {
          const rowNumber = index + 1;
          const name = record.ownerTeam;
          if (rows[index] || typeof name !== "string" || !name.trim() || problemsByRow.get(rowNumber)?.some((p) => p.field === "ownerTeam")) return;
          const team = teams.resolve(name.trim());
          if ("message" in team) addProblem({ row: rowNumber, field: "ownerTeam", message: team.message });
        });

        const plans = rows.map((row, index) => {
          const rowNumber = index + 1;
          if (!row) return null;
          const team = teams.resolve(row.ownerTeam);
          if ("message" in team) addProblem({ row: rowNumber, field: "ownerTeam", message: team.message });
          const current = existing.get(row.slug);
          if (current && mode === "create") addProblem({ row: rowNumber, field: "slug", message: `tool "${row.slug}" already exists (mode create adds new tools only)` });
          if (problemsByRow.has(rowNumber) || "message" in team) return null;
          if (!current) return { rowNumber, kind: "create" as const, after: newTool(row), ownerTeamId: team.id };
          const after = mergedTool(current.fields, row);
          const changes = changedFields(current.fields, after);
          return { rowNumber, kind: changes.length ? ("update" as const) : ("unchanged" as const), id: current.id, before: current.fields, after, changes, ownerTeamId: team.id };
        });

        const report: ImportReport = {
          format: parsed.format,
          mode,
          dryRun,
          imported: false,
          total: parsed.records.length,
          accepted: 0,
          rejected: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          fileProblems: (problemsByRow.get(0) ?? []).map(({ field, message }) => ({ field, message })),
          rows: parsed.records.map((record, index) => {
            const rowNumber = index + 1;
            const plan = plans[index];
            const problems = (problemsByRow.get(rowNumber) ?? []).map(({ field, message }) => ({ field, message }));
            const slug = rows[index]?.slug ?? (typeof record.slug === "string" ? record.slug : null);
            if (!plan || problems.length) return { row: rowNumber, slug, outcome: "rejected" as const, problems };
            if (plan.kind === "create") return { row: rowNumber, slug, outcome: "created" as const, problems };
            if (plan.kind === "update") return { row: rowNumber, slug, outcome: "updated" as const, changes: plan.changes, problems };
            return { row: rowNumber, slug, outcome: "unchanged" as const, problems };
          }),
        };
        for (const row of report.rows) report[row.outcome] += 1;
        report.accepted = report.total - report.rejected;
        if (report.rejected || report.fileProblems.length) throw importRejected(report);
        if (dryRun) return report;

        const creates = plans.flatMap((plan) => (plan?.kind === "create" ? [plan] : []));
        const updates = plans.flatMap((plan) => (plan?.kind === "update" ? [plan] : []));
        // An import that changes nothing writes nothing (not even its audit event): importing the
        // same file again is a no-op.
        if (creates.length === 0 && updates.length === 0) return { ...report, imported: true };
        await insertTools(tx, creates);
        await updateTools(tx, updates);
        const events = [
          ...creates.map((plan) => ({ action: "tool.created", entity: "AiTool", entityId: plan.after.slug, after: plan.after })),
          ...updates.map((plan) => ({
            action: "tool.updated",
            entity: "AiTool",
            entityId: plan.after.slug,
            before: Object.fromEntries(plan.changes.map((key) => [key, plan.before[key]])),
            after: Object.fromEntries(plan.changes.map((key) => [key, plan.after[key]])),
          })),
          // One event for the import as a whole: where the tools' events came from.
          {
            action: "tools.imported",
            entity: "Import",
            entityId: `tools-${new Date().toISOString()}`,
            after: { format: report.format, mode, total: report.total, created: creates.map((p) => p.after.slug), updated: updates.map((p) => p.after.slug), unchanged: report.unchanged },
          },
        ];
        await recordAuditEvents(tx, events.map((event) => ({ ...event, actor })));
        return { ...report, imported: true };
      },
      // A large import (10,000 rows) takes longer than the default interactive-transaction timeout.
      { timeout: 300_000 },
    );
  } catch (error) {
    // Another writer created one of the slugs between our check and our insert.
    if (isUniqueViolation(error)) throw conflict("slug", "A tool in this import was created by someone else meanwhile; nothing was imported. Import again.");
    throw error;
  }
}
