// Streamed CSV exports and the per-user bound on exports running at once, against a database of
// their own (the tests hold and give back export slots, and add tools with awkward cells).
import Papa from "papaparse";
import { describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { GET as getAuditCsv } from "@/app/api/v1/export/audit.csv/route";
import { GET as getExport } from "@/app/api/v1/export/route";
import { GET as getToolsCsv } from "@/app/api/v1/export/tools.csv/route";
import type { CsvColumn, CsvFile } from "@/lib/api/csv";
import { AUDIT_CSV, CHANGES_CSV, csvFile, FINDINGS_CSV, GRANTS_CSV, INCIDENTS_CSV, RISKS_CSV, TOOLS_CSV } from "@/lib/api/export-route";
import type { Operation } from "@/lib/api/operation";
import { exportAuditCsv, exportChangesCsv, exportFindingsCsv, exportGrantsCsv, exportIncidentsCsv, exportRisksCsv, exportToolsCsv } from "@/lib/api/operations/export";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { apiRequest, params, tokenFor } from "@/lib/test/api";
import { actorsFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { toolCreateSchema } from "@/lib/validation/catalog.validation";
import { auditQuerySchema } from "@/lib/validation/audit.validation";
import { changeListQuerySchema } from "@/lib/validation/changes.validation";
import { findingPageQuerySchema } from "@/lib/validation/findings.validation";
import { grantPageQuerySchema, toListQuery } from "@/lib/validation/grants.validation";
import { incidentListQuerySchema } from "@/lib/validation/incidents.validation";
import { riskListQuerySchema } from "@/lib/validation/risks.validation";
import { toolListQuerySchema } from "@/lib/validation/tools.validation";
import { listAuditEvents } from "./audit";
import { createTool } from "./catalog";
import { listChanges } from "./changes";
import { EXPORT_LEASE_MS, EXPORTS_PER_USER, takeExportLease } from "./export-lease";
import { findingsPage } from "./findings";
import { listGrants } from "./grants";
import { listIncidents } from "./incidents";
import { listRisks } from "./risks";
import { listTools } from "./tools";

const EMBEDDED = process.env.EMBEDDED_DATABASE === "1";
const NOW = new Date("2026-06-01T12:00:00Z");

let db: PrismaClient;
let viewer: Actor;
let lead: Actor;

const seeded = withSeededDatabase("export_test", async (opened) => {
  db = opened.db;
  ({ viewer, lead } = await actorsFor(db, ["viewer", "lead"]));
  // Cells that need CSV's care: formulae, quotes, separators, line breaks, non-ASCII.
  for (const [slug, name, vendor] of [
    ["formula-bot", '=HYPERLINK("http://evil.example")', "+1 Acme, Inc."],
    ["quote-bot", 'Say "hi",\r\nthen leave', "@mention -minus; ünïcödé ✓"],
  ]) {
    await createTool(lead, toolCreateSchema.parse({ slug, name, vendor, kind: "AGENT", ownerTeam: "Platform", modes: ["SUGGEST", "AGENT"] }));
  }
});

/** The file exactly as the exports built it before they streamed: every row in one string. */
function wholeFile<Row>(columns: CsvColumn<Row>[], rows: Row[], hide = ""): string {
  const hidden = new Set(hide.split(",").filter(Boolean));
  const visible = columns.filter((c) => c.always || !hidden.has(c.column ?? c.id));
  const cell = (value: ReturnType<CsvColumn<Row>["value"]>) => (value instanceof Date ? value.toISOString() : (value ?? ""));
  return (
    "\uFEFF" +
    Papa.unparse({ fields: visible.map((c) => c.id), data: rows.map((row) => visible.map((c) => cell(c.value(row)))) }, { escapeFormulae: true, newline: "\r\n" }) +
    "\r\n"
  );
}

/** An export operation's query as its route reads it from the URL. */
function queryOf<O extends Operation & { query: z.ZodType }>(operation: O, search = ""): z.output<O["query"]> {
  return operation.query.parse(Object.fromEntries(new URLSearchParams(search))) as z.output<O["query"]>;
}

// The bytes as they are: Response.text() would drop the BOM.
const bytesAsText = async (body: ReadableStream<Uint8Array> | null) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(body).arrayBuffer());
const text = (file: CsvFile) => bytesAsText(file.body);
const leasesOf = (actor: Actor) => db.exportLease.count({ where: { userId: actor.id } });

describe("streamed CSV exports", () => {
  // Pages of 2 rows: every export crosses page boundaries on the demo register.
  const options = { now: NOW, pageSize: 2 };

  it("write the same bytes as the whole-file exports did, page after page", async () => {
    const cases: [string, () => Promise<CsvFile>, () => Promise<string>][] = [
      ["tools", () => csvFile(TOOLS_CSV, viewer, queryOf(exportToolsCsv, "sort=name&dir=desc"), options), async () => wholeFile(TOOLS_CSV.columns, (await listTools(viewer, toolListQuerySchema.parse({ sort: "name", dir: "desc" }), { all: true })).rows)],
      ["tools, hidden columns", () => csvFile(TOOLS_CSV, viewer, queryOf(exportToolsCsv, "hide=vendor,modes"), options), async () => wholeFile(TOOLS_CSV.columns, (await listTools(viewer, toolListQuerySchema.parse({}), { all: true })).rows, "vendor,modes")],
      ["changes, newest first (keyset)", () => csvFile(CHANGES_CSV, viewer, queryOf(exportChangesCsv), options), async () => wholeFile(CHANGES_CSV.columns, (await listChanges(viewer, changeListQuerySchema.parse({}), { all: true })).rows)],
      ["changes, oldest first (keyset)", () => csvFile(CHANGES_CSV, viewer, queryOf(exportChangesCsv, "dir=asc"), options), async () => wholeFile(CHANGES_CSV.columns, (await listChanges(viewer, changeListQuerySchema.parse({ dir: "asc" }), { all: true })).rows)],
      ["changes by tool (offset)", () => csvFile(CHANGES_CSV, viewer, queryOf(exportChangesCsv, "sort=tool&dir=asc"), options), async () => wholeFile(CHANGES_CSV.columns, (await listChanges(viewer, changeListQuerySchema.parse({ sort: "tool", dir: "asc" }), { all: true })).rows)],
      ["grants", () => csvFile(GRANTS_CSV, viewer, queryOf(exportGrantsCsv, "status=ALL"), options), async () => wholeFile(GRANTS_CSV.columns, (await listGrants(viewer, toListQuery(grantPageQuerySchema.parse({ status: "ALL" })), NOW, { all: true })).rows)],
      ["audit", () => csvFile(AUDIT_CSV, viewer, queryOf(exportAuditCsv), options), async () => wholeFile(AUDIT_CSV.columns, (await listAuditEvents(viewer, auditQuerySchema.parse({}), { all: true })).rows)],
      ["incidents", () => csvFile(INCIDENTS_CSV, viewer, queryOf(exportIncidentsCsv), options), async () => wholeFile(INCIDENTS_CSV.columns, (await listIncidents(viewer, incidentListQuerySchema.parse({}), NOW, { all: true })).rows)],
      ["risks", () => csvFile(RISKS_CSV, viewer, queryOf(exportRisksCsv), options), async () => wholeFile(RISKS_CSV.columns, (await listRisks(viewer, riskListQuerySchema.parse({}), NOW, { all: true })).rows)],
      [
        "findings",
        () => csvFile(FINDINGS_CSV, viewer, queryOf(exportFindingsCsv), options),
        async () => {
          const query = findingPageQuerySchema.parse({ pageSize: 200 });
          return wholeFile(FINDINGS_CSV.columns, (await findingsPage(viewer, query)).rows);
        },
      ],
    ];
    for (const [name, streamed, reference] of cases) {
      const file = await streamed();
      const expected = await reference();
      expect(await text(file), name).toBe(expected);
      expect(file.rows, name).toBe(Papa.parse(expected.slice(1), { header: true, skipEmptyLines: true }).data.length);
      expect(file.rows, name).toBeGreaterThan(options.pageSize);
    }
    // A view with no rows: the header and an empty line, as before.
    expect(await text(await csvFile(TOOLS_CSV, viewer, queryOf(exportToolsCsv, "q=no-such-tool-anywhere"), options))).toBe(wholeFile(TOOLS_CSV.columns, []));
    expect(await leasesOf(viewer)).toBe(0);
  });

  it("keep the awkward cells as before: formulae neutralised, quotes doubled, line breaks quoted", async () => {
    const csv = await text(await csvFile(TOOLS_CSV, viewer, queryOf(exportToolsCsv, "q=-bot&sort=name&dir=asc&hide=environments,updatedAt"), options));
    expect(csv).toContain(`formula-bot,"'=HYPERLINK(""http://evil.example"")","'+1 Acme, Inc.",AGENT`);
    expect(csv).toContain(`quote-bot,"Say ""hi"",\r\nthen leave","'@mention -minus; ünïcödé ✓",AGENT`);
    expect(csv.startsWith("\uFEFFslug,name,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("answer through the route with the file's headers, streamed", async () => {
    const token = await tokenFor("viewer@example.com");
    const response = await getAuditCsv(apiRequest("/api/v1/export/audit.csv", { token }), params({}));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.body).toBeInstanceOf(ReadableStream);
    const csv = await bytesAsText(response.body);
    expect(csv.startsWith("\uFEFFid,at,actor,action,")).toBe(true);
    const rows = Papa.parse(csv.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBe(Number(response.headers.get("x-total-count")));
  });
});

describe("exports running at once", () => {
  it("a user's third export while two run is refused with 429 and Retry-After; another user is unaffected", async () => {
    const token = await tokenFor("viewer@example.com");
    const running = [
      await getAuditCsv(apiRequest("/api/v1/export/audit.csv", { token }), params({})),
      await getToolsCsv(apiRequest("/api/v1/export/tools.csv", { token }), params({})),
    ];
    expect(running.map((r) => r.status)).toEqual([200, 200]);
    expect(await leasesOf(viewer)).toBe(EXPORTS_PER_USER);

    for (const refused of [await getToolsCsv(apiRequest("/api/v1/export/tools.csv", { token }), params({})), await getExport(apiRequest("/api/v1/export", { token }), params({}))]) {
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("10");
      const body = (await refused.json()) as { error: { code: string; message: string; details: unknown } };
      expect(body.error.code).toBe("TOO_MANY_REQUESTS");
      expect(body.error.message).toMatch(/2 exports running/);
      expect(body.error.details).toEqual({ limit: EXPORTS_PER_USER, retryAfterSeconds: 10 });
    }

    const other = await getToolsCsv(apiRequest("/api/v1/export/tools.csv", { token: await tokenFor("lead@example.com") }), params({}));
    expect(other.status).toBe(200);
    await other.text();

    // Finishing one download frees its slot; the next export runs.
    await running[0].text();
    expect(await leasesOf(viewer)).toBe(1);
    const next = await getToolsCsv(apiRequest("/api/v1/export/tools.csv", { token }), params({}));
    expect(next.status).toBe(200);
    await Promise.all([next.text(), running[1].text()]);
    expect(await leasesOf(viewer)).toBe(0);
    expect(await leasesOf(lead)).toBe(0);
  });

  it("gives the slot back when the client goes away mid-download", async () => {
    const file = await csvFile(AUDIT_CSV, viewer, queryOf(exportAuditCsv), { now: NOW, pageSize: 1 });
    const reader = file.body.getReader();
    expect((await reader.read()).done).toBe(false);
    expect(await leasesOf(viewer)).toBe(1);
    await reader.cancel();
    expect(await leasesOf(viewer)).toBe(0);
  });

  it("a slot held by a process that died frees itself when its lease expires", async () => {
    // Taken and never given back, as by a process killed mid-export.
    await takeExportLease(lead.id, { now: NOW });
    await takeExportLease(lead.id, { now: NOW });
    const refused = await takeExportLease(lead.id, { now: new Date(NOW.getTime() + EXPORT_LEASE_MS - 1) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    const later = await takeExportLease(lead.id, { now: new Date(NOW.getTime() + EXPORT_LEASE_MS) });
    await later.release();
    expect(await leasesOf(lead)).toBe(1);
    await db.exportLease.deleteMany({ where: { userId: lead.id } });
  });

  it("a running export keeps its slot past the first lease by renewing it", async () => {
    // Only Date is faked: the lease's renewal reads the process clock, the database calls run as usual.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(NOW);
      const lease = await takeExportLease(lead.id, { now: NOW });
      vi.setSystemTime(NOW.getTime() + 50_000);
      await lease.renew();
      const [row] = await db.exportLease.findMany({ where: { userId: lead.id } });
      expect(row.expiresAt.getTime()).toBe(NOW.getTime() + 50_000 + EXPORT_LEASE_MS);
      await lease.release();
      expect(await leasesOf(lead)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  // PGlite serves one connection: the race needs a real Postgres server.
  it.skipIf(EMBEDDED)("holds across app processes: of five exports started at once on separate connections, two run", async () => {
    const processes = Array.from({ length: 5 }, () => createPrismaClient(seeded.url));
    try {
      const outcomes = await Promise.allSettled(processes.map((client) => takeExportLease(viewer.id, { db: client, now: NOW })));
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(EXPORTS_PER_USER);
      for (const outcome of outcomes) if (outcome.status === "rejected") expect((outcome.reason as AppError).code).toBe("TOO_MANY_REQUESTS");
      expect(await leasesOf(viewer)).toBe(EXPORTS_PER_USER);
      for (const outcome of outcomes) if (outcome.status === "fulfilled") await outcome.value.release();
      expect(await leasesOf(viewer)).toBe(0);
    } finally {
      await Promise.all(processes.map((client) => client.$disconnect()));
    }
  });
});
