// People import (CSV or JSON), all or nothing, as the tool import is: every row is checked — its
// fields, its e-mail and GitHub login against the other rows and the register — and only when every
// row passes is anything written, in one transaction, each person audited as a POST or PATCH would be.
// An import never deactivates anyone and never sets a password: both stay deliberate acts of an admin.
import "server-only";
import { prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAuditEvents } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import type { PeopleImportReport } from "@/lib/dto/import";
import { parsePeopleImport, validatePersonImportRow, type ImportFormat, type ImportMode, type ImportProblem, type PersonImportRow } from "@/lib/validation/import.validation";
import { importRejected } from "./import";

const PERSON_FIELDS = ["name", "role", "senior", "githubLogin"] as const;
interface PersonFields {
  name: string;
  role: Role;
  senior: boolean;
  githubLogin: string | null;
}

export async function importPeople(actor: Actor, content: string, options: { format: ImportFormat; mode?: ImportMode; dryRun?: boolean }): Promise<PeopleImportReport> {
  authorize(actor, "user:admin");
  const mode = options.mode ?? "upsert";
  const dryRun = options.dryRun ?? false;
  const parsed = parsePeopleImport(content, options.format);
  const problemsByRow = new Map<number, ImportProblem[]>();
  const addProblem = (problem: ImportProblem) => problemsByRow.set(problem.row, [...(problemsByRow.get(problem.row) ?? []), problem]);
  parsed.problems.forEach(addProblem);

  const rows: (PersonImportRow | null)[] = parsed.records.map((record, index) => {
    const result = validatePersonImportRow(record, index + 1);
    if ("problems" in result) {
      result.problems.forEach(addProblem);
      return null;
    }
    return result.row;
  });
  // Each e-mail and each login once: a login on two rows would make one approval count for either.
  for (const field of ["email", "githubLogin"] as const) {
    const firstRow = new Map<string, number>();
    rows.forEach((row, index) => {
      const value = row?.[field];
      if (!value) return;
      const seen = firstRow.get(value);
      if (seen) addProblem({ row: index + 1, field, message: `"${value}" is also in row ${seen}; each ${field === "email" ? "person" : "login"} once` });
      else firstRow.set(value, index + 1);
    });
  }

  try {
    return await prisma().$transaction(
      async (tx) => {
        const valid = rows.filter((row): row is PersonImportRow => row !== null);
        const existing = new Map((await tx.user.findMany({ where: { email: { in: valid.map((row) => row.email) } } })).map((user) => [user.email, user]));
        const logins = valid.flatMap((row) => (row.githubLogin ? [row.githubLogin] : []));
        const loginHolders = new Map(
          (await tx.user.findMany({ where: { githubLogin: { in: logins } }, select: { email: true, githubLogin: true } })).map((user) => [user.githubLogin!, user.email]),
        );

        const plans = rows.map((row, index) => {
          const rowNumber = index + 1;
          if (!row) return null;
          const current = existing.get(row.email);
          if (current && mode === "create") addProblem({ row: rowNumber, field: "email", message: `${row.email} already exists (mode create adds new people only)` });
          const holder = row.githubLogin ? loginHolders.get(row.githubLogin) : undefined;
          if (holder && holder !== row.email) addProblem({ row: rowNumber, field: "githubLogin", message: `already belongs to ${holder}` });
          // The rule PATCH keeps: an admin cannot give up their own admin role.
          if (current?.id === actor.id && row.role !== "ADMIN") addProblem({ row: rowNumber, field: "role", message: "not on your own account" });
          if (problemsByRow.has(rowNumber)) return null;
          if (!current) {
            const after: PersonFields = { name: row.name, role: row.role, senior: row.senior ?? false, githubLogin: row.githubLogin ?? null };
            return { rowNumber, kind: "create" as const, email: row.email, after };
          }
          const before: PersonFields = { name: current.name, role: current.role, senior: current.senior, githubLogin: current.githubLogin };
          const after: PersonFields = { name: row.name, role: row.role, senior: row.senior ?? current.senior, githubLogin: row.githubLogin ?? current.githubLogin };
          const changes = PERSON_FIELDS.filter((key) => before[key] !== after[key]);
          return { rowNumber, kind: changes.length ? ("update" as const) : ("unchanged" as const), email: row.email, id: current.id, before, after, changes };
        });

        const report: PeopleImportReport = {
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
            const email = rows[index]?.email ?? (typeof record.email === "string" ? record.email : null);
            if (!plan || problems.length) return { row: rowNumber, email, outcome: "rejected" as const, problems };
            if (plan.kind === "update") return { row: rowNumber, email, outcome: "updated" as const, changes: plan.changes, problems };
            return { row: rowNumber, email, outcome: plan.kind === "create" ? ("created" as const) : ("unchanged" as const), problems };
          }),
        };
        for (const row of report.rows) report[row.outcome] += 1;
        report.accepted = report.total - report.rejected;
        if (report.rejected || report.fileProblems.length) throw importRejected(report);
        if (dryRun) return report;

        const creates = plans.flatMap((plan) => (plan?.kind === "create" ? [plan] : []));
        const updates = plans.flatMap((plan) => (plan?.kind === "update" ? [plan] : []));
        if (creates.length === 0 && updates.length === 0) return { ...report, imported: true };
        const created = await tx.user.createManyAndReturn({ data: creates.map((plan) => ({ email: plan.email, ...plan.after })), select: { id: true, email: true } });
        const idOf = new Map(created.map((user) => [user.email, user.id]));
        for (const plan of updates) await tx.user.update({ where: { id: plan.id }, data: plan.after });
        await recordAuditEvents(
          tx,
          [
            ...creates.map((plan) => ({ action: "user.created", entity: "User", entityId: idOf.get(plan.email)!, after: { email: plan.email, ...plan.after, active: true, canSignIn: false } })),
            ...updates.map((plan) => ({
              action: "user.updated",
              entity: "User",
              entityId: plan.id,
              before: Object.fromEntries(plan.changes.map((key) => [key, plan.before[key]])),
              after: { email: plan.email, ...Object.fromEntries(plan.changes.map((key) => [key, plan.after[key]])) },
            })),
            {
              action: "people.imported",
              entity: "Import",
              entityId: `people-${new Date().toISOString()}`,
              after: { format: report.format, mode, total: report.total, created: creates.map((p) => p.email), updated: updates.map((p) => p.email), unchanged: report.unchanged },
            },
          ].map((event) => ({ ...event, actor })),
        );
        return { ...report, imported: true };
      },
      { timeout: 300_000 },
    );
  } catch (error) {
    // Another admin added one of these e-mails or logins between our check and our write.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "A person or GitHub login in this import was added by someone else meanwhile; nothing was imported. Import again.");
    throw error;
  }
}
