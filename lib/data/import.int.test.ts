// Export (CSV views, the whole register as JSON) and tool import through their route handlers.
import Papa from "papaparse";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getFindingsCsv } from "@/app/api/v1/export/findings.csv/route";
import { GET as getExport } from "@/app/api/v1/export/route";
import { GET as getToolsCsv } from "@/app/api/v1/export/tools.csv/route";
import { GET as getFindings } from "@/app/api/v1/findings/route";
import { POST as postImport } from "@/app/api/v1/import/tools/route";
import { GET as getTools } from "@/app/api/v1/tools/route";
import { MAX_BODY_BYTES } from "@/lib/api/read-json";
import { verifyChain } from "@/lib/audit/chain";
import { prisma } from "@/lib/db/client";
import { DEFAULT_POLICY } from "@/lib/policy/policy";
import { apiRequest, params, tokenFor, tokenForRole } from "@/lib/test/api";
import type { ImportReport } from "@/lib/dto/import";

type ErrorBody<D = unknown> = { error: { code: string; message: string; details: D } };

let viewer: string;
let lead: string;

beforeAll(async () => {
  viewer = await tokenForRole("VIEWER");
  lead = await tokenFor("lead@example.com");
});

function importRequest(body: string, { contentType = "text/csv", query = "", token = lead }: { contentType?: string; query?: string; token?: string } = {}) {
  return postImport(
    new NextRequest(new URL(`/api/v1/import/tools${query}`, "http://localhost"), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      body,
    }),
    params({}),
  );
}

async function csvOf(response: Response): Promise<{ fields: string[]; rows: Record<string, string>[]; raw: string }> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z]+-\d{4}-\d{2}-\d{2}\.csv"$/);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A byte-order mark so that spreadsheet programs read UTF-8; decoding drops it again.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const raw = new TextDecoder().decode(bytes);
  const parsed = Papa.parse<Record<string, string>>(raw, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data, raw };
}

const toolsCsv = async (query = "", token = viewer) => csvOf(await getToolsCsv(apiRequest(`/api/v1/export/tools.csv${query}`, { token }), params({})));
const auditCount = () => prisma().auditEvent.count();
const toolCount = () => prisma().aiTool.count();

const HEADER = "slug,name,vendor,kind,ownerTeam,status,modes,description";

describe("POST /api/v1/import/tools", () => {
  it("imports new tools and updates existing ones from CSV, all in one go, each audited", async () => {
    const audits = await auditCount();
    const csv = [
      HEADER,
      `import-alpha,Import Alpha,Contoso,AGENT,Platform,APPROVED,SUGGEST;AGENT,"Drafts PRs, with ""care"""`,
      `import-beta,Import Beta,Fabrikam Labs,CHAT,Data,,,`,
      // An existing tool: its status changes, its modes stay as written.
      `tabline,Tabline,Contoso,CODING_ASSISTANT,Developer Experience,RESTRICTED,SUGGEST,Inline completions in the editor.`,
    ].join("\r\n");
    const response = await importRequest(csv);
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report).toMatchObject({ format: "csv", mode: "upsert", dryRun: false, imported: true, total: 3, accepted: 3, rejected: 0, created: 2, updated: 1, unchanged: 0 });
    expect(report.rows.map((r) => [r.row, r.slug, r.outcome])).toEqual([
      [1, "import-alpha", "created"],
      [2, "import-beta", "created"],
      [3, "tabline", "updated"],
    ]);
    expect(report.rows[2].changes).toContain("status");

    const alpha = await prisma().aiTool.findUniqueOrThrow({ where: { slug: "import-alpha" }, include: { ownerTeam: true } });
    expect(alpha).toMatchObject({ name: "Import Alpha", kind: "AGENT", status: "APPROVED", modes: ["SUGGEST", "AGENT"], description: 'Drafts PRs, with "care"' });
    expect(alpha.ownerTeam.name).toBe("Platform");
    expect(await prisma().aiTool.findUniqueOrThrow({ where: { slug: "import-beta" } })).toMatchObject({ status: "PROPOSED", modes: [], description: "" });
    const tabline = await prisma().aiTool.findUniqueOrThrow({ where: { slug: "tabline" } });
    expect(tabline).toMatchObject({ status: "RESTRICTED", modes: ["SUGGEST"] });
    expect(Math.abs(tabline.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);

    const events = await prisma().auditEvent.findMany({ where: { id: { gt: BigInt(0) } }, orderBy: { id: "desc" }, take: 4 });
    expect(await auditCount()).toBe(audits + 4);
    expect(events.map((e) => [e.action, e.entityId.startsWith("tools-") ? "tools-…" : e.entityId])).toEqual([
      ["tools.imported", "tools-…"],
      ["tool.updated", "tabline"],
      ["tool.created", "import-beta"],
      ["tool.created", "import-alpha"],
    ]);
    expect(events[0].after).toMatchObject({ created: ["import-alpha", "import-beta"], updated: ["tabline"] });
    // Written in one insert, the events still extend the hash chain one by one.
    expect(verifyChain(await prisma().auditEvent.findMany({ orderBy: { id: "asc" } }))).toMatchObject({ valid: true });
  });

  it("writes nothing when one row is bad, and names each rejected row and field", async () => {
    const [tools, audits] = [await toolCount(), await auditCount()];
    const csv = [
      HEADER,
      "bad-one,Fine,Contoso,AGENT,Platform,,SUGGEST,",
      "bad-two,Bad kind,Contoso,ROBOT,Platform,,SUGGEST,",
      "bad-three,Unknown team,Contoso,CHAT,platform,,TURBO,",
      "bad-one,Twice,Contoso,CHAT,SRE,,,",
    ].join("\n");
    const response = await importRequest(csv);
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorBody<ImportReport>;
    expect(body.error.code).toBe("UNPROCESSABLE");
    expect(body.error.message).toBe("3 of 4 rows rejected; nothing was imported. First: row 2, kind must be one of CODING_ASSISTANT, AGENT, CHAT, OPS_BOT, OTHER.");
    const report = body.error.details;
    expect(report).toMatchObject({ imported: false, total: 4, accepted: 1, rejected: 3 });
    expect(report.rows.map((r) => [r.row, r.outcome, r.problems.map((p) => p.field)])).toEqual([
      [1, "created", []],
      [2, "rejected", ["kind"]],
      [3, "rejected", ["modes", "ownerTeam"]],
      [4, "rejected", ["slug"]],
    ]);
    expect(report.rows[3].problems[0].message).toBe('"bad-one" is also in row 1; each tool once');
    expect(await toolCount()).toBe(tools);
    expect(await prisma().aiTool.count({ where: { slug: { startsWith: "bad-" } } })).toBe(0);
    expect(await auditCount()).toBe(audits);

    expect(report.rows[2].problems[1]).toEqual({ field: "ownerTeam", message: 'unknown team "platform" (did you mean "Platform"?)' });
  });

  it("takes only the media types it documents: a form or plain text is a 415 naming content-type, nothing written", async () => {
    const [tools, events] = [await toolCount(), await auditCount()];
    for (const contentType of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"]) {
      const response = await importRequest(`${HEADER}\nformed,Formed,X,CHAT,SRE,,,`, { contentType });
      expect(response.status, contentType).toBe(415);
      expect((await response.json()).error.details).toEqual([{ field: "content-type", message: "must be text/csv or application/json" }]);
    }
    expect([await toolCount(), await auditCount()]).toEqual([tools, events]);
  });

  it("reports a CSV without a required column as a problem of the file", async () => {
    const response = await importRequest("slug,name,kind\nx-tool,X,AGENT\n");
    expect(response.status).toBe(422);
    const report = ((await response.json()) as ErrorBody<ImportReport>).error.details;
    expect(report.fileProblems).toEqual([{ field: "vendor, ownerTeam", message: "the CSV header lacks the columns vendor, ownerTeam" }]);
  });

  it("dryRun checks and reports without writing; mode=create rejects existing slugs", async () => {
    const [tools, audits] = [await toolCount(), await auditCount()];
    const csv = [HEADER, "dry-run-tool,Dry,Contoso,OTHER,SRE,,,", "kiro-agent,Kiro Agent,Northwind AI,AGENT,Platform,,,"].join("\n");
    const dry = await importRequest(csv, { query: "?dryRun=true" });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, imported: false, created: 1, updated: 1 });
    expect([await toolCount(), await auditCount()]).toEqual([tools, audits]);

    const create = await importRequest(csv, { query: "?mode=create" });
    expect(create.status).toBe(422);
    const report = ((await create.json()) as ErrorBody<ImportReport>).error.details;
    expect(report.rows[1]).toMatchObject({ row: 2, slug: "kiro-agent", outcome: "rejected", problems: [{ field: "slug", message: 'tool "kiro-agent" already exists (mode create adds new tools only)' }] });
    expect(await prisma().aiTool.count({ where: { slug: "dry-run-tool" } })).toBe(0);

    expect((await importRequest(csv, { query: "?mode=merge" })).status).toBe(400);
  });

  it("imports a JSON array; malformed JSON is a file problem", async () => {
    const response = await importRequest(
      JSON.stringify([{ slug: "json-tool", name: "JSON Tool", vendor: "Adatum", kind: "OPS_BOT", ownerTeam: "SRE", modes: ["AUTONOMOUS", "SUGGEST"], extra: "ignored" }]),
      { contentType: "application/json" },
    );
    expect(response.status).toBe(200);
    expect((await prisma().aiTool.findUniqueOrThrow({ where: { slug: "json-tool" } })).modes).toEqual(["SUGGEST", "AUTONOMOUS"]);

    const broken = await importRequest("[{", { contentType: "application/json" });
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as ErrorBody<ImportReport>).error.details.fileProblems[0].message).toMatch(/^not valid JSON/);
  });

  // The one body limit of every route (MAX_BODY_BYTES → 413), not a rule of the import's own.
  it("refuses a body over the API's size limit with 413, writing nothing", async () => {
    const audits = await auditCount();
    const response = await importRequest(`${HEADER}\ntoo-big,Too Big,Vendor,AGENT,SRE,,,${"x".repeat(MAX_BODY_BYTES)}`);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await auditCount()).toBe(audits);
  });

  it("is closed to roles without tool:write", async () => {
    for (const token of [viewer, await tokenFor("reviewer@example.com"), await tokenForRole("INCIDENT_MANAGER")]) {
      expect((await importRequest(`${HEADER}\nx,X,Y,AGENT,SRE,,,`, { token })).status).toBe(403);
    }
    expect((await importRequest(`${HEADER}\nx,X,Y,AGENT,SRE,,,`, { token: "grr_unknown" })).status).toBe(401);
    expect((await importRequest(`${HEADER}\nx-admin,X,Y,AGENT,SRE,,,`, { token: await tokenFor("admin@example.com") })).status).toBe(200);
  });
});

describe("GET /api/v1/export/tools.csv", () => {
  it("exports the filtered, sorted view of the Register across every page", async () => {
    // More tools than the biggest page (100), to show the export is not one page.
    const many = Array.from({ length: 120 }, (_, i) => `bulk-agent-${String(i).padStart(3, "0")},Bulk Agent ${i},Bulk Vendor,AGENT,SRE,APPROVED,AGENT,`);
    expect((await importRequest([HEADER, ...many].join("\n"))).status).toBe(200);

    const query = "?kind=AGENT&sort=name&dir=desc&page=2&pageSize=10";
    const api = (await (await getTools(apiRequest(`/api/v1/tools${query}`, { token: viewer }), params({}))).json()) as { total: number; rows: { slug: string }[] };
    const { fields, rows } = await toolsCsv(query);
    expect(fields).toEqual(["slug", "name", "vendor", "kind", "status", "ownerTeam", "modes", "environments", "updatedAt"]);
    expect(rows).toHaveLength(api.total);
    expect(api.total).toBeGreaterThan(120);
    expect(rows.every((r) => r.kind === "AGENT")).toBe(true);
    const names = rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    // Page 2 of the table is rows 11–20 of the file.
    expect(rows.slice(10, 20).map((r) => r.slug)).toEqual(api.rows.map((r) => r.slug));

    const kiro = (await toolsCsv("?q=kiro")).rows;
    expect(kiro).toHaveLength(1);
    expect(kiro[0]).toMatchObject({ slug: "kiro-agent", ownerTeam: "Platform" });
    expect(kiro[0].environments.split(";")).toContain("prod-us-east");
  });

  it("leaves out the columns hidden in the table, but never the slug", async () => {
    const { fields } = await toolsCsv("?team=SRE&hide=vendor,environments,slug");
    expect(fields).toEqual(["slug", "name", "kind", "status", "ownerTeam", "modes", "updatedAt"]);
  });

  it("quotes commas, quotes and formulas, and the file imports back unchanged", async () => {
    const tricky = JSON.stringify([{ slug: "tricky-tool", name: '=HYPERLINK("http://x","y")', vendor: 'Acme, "Inc"', kind: "OTHER", ownerTeam: "SRE", modes: ["SUGGEST", "AGENT"] }]);
    expect((await importRequest(tricky, { contentType: "application/json" })).status).toBe(200);
    const { rows, raw } = await toolsCsv("?q=tricky-tool");
    expect(raw).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(raw).toContain(`"Acme, ""Inc"""`);
    expect(rows[0]).toMatchObject({ name: `'=HYPERLINK("http://x","y")`, vendor: 'Acme, "Inc"', modes: "SUGGEST;AGENT" });

    const audits = await auditCount();
    const again = await importRequest(raw);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ total: 1, unchanged: 1, updated: 0, created: 0 });
    expect(await auditCount()).toBe(audits);
    expect((await prisma().aiTool.findUniqueOrThrow({ where: { slug: "tricky-tool" } })).name).toBe('=HYPERLINK("http://x","y")');
  });

  it("needs a valid token", async () => {
    expect((await getToolsCsv(apiRequest("/api/v1/export/tools.csv", { token: "grr_unknown" }), params({}))).status).toBe(401);
  });
});

describe("GET /api/v1/export/findings.csv", () => {
  it("exports the filtered findings in the table's order", async () => {
    const api = (await (await getFindings(apiRequest("/api/v1/findings?severity=CRITICAL", { token: viewer }), params({}))).json()) as { total: number };
    const { fields, rows } = await csvOf(await getFindingsCsv(apiRequest("/api/v1/export/findings.csv?severity=CRITICAL&sort=tool&dir=asc&hide=explanation", { token: viewer }), params({})));
    expect(fields).toEqual(["severity", "tool", "environment", "rule", "state", "firstSeenAt", "resolvedAt"]);
    expect(rows).toHaveLength(api.total);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.severity === "CRITICAL")).toBe(true);
    const tools = rows.map((r) => r.tool);
    expect(tools).toEqual([...tools].sort((a, b) => a.localeCompare(b)));
  });
});

describe("GET /api/v1/export", () => {
  it("returns the whole register as one document, readable by any role", async () => {
    const response = await getExport(apiRequest("/api/v1/export", { token: viewer }), params({}));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="register-\d{4}-\d{2}-\d{2}\.json"$/);
    const doc = (await response.json()) as Record<string, any>;
    const sections = ["teams", "environments", "capabilities", "tools", "grants", "observations", "incidents", "mitigations", "changes", "risks"];
    expect(doc).toMatchObject({ format: "genai-risk-register/v1", exportedBy: "viewer@example.com", policy: { version: 0, ...DEFAULT_POLICY } });
    for (const section of sections) {
      expect(Array.isArray(doc[section])).toBe(true);
      expect(doc.counts[section]).toBe(doc[section].length);
    }
    expect(doc.tools).toHaveLength(await toolCount());
    expect(doc.grants).toHaveLength(await prisma().grant.count());
    expect(doc.tools.find((t: { slug: string }) => t.slug === "kiro-agent")).toMatchObject({ ownerTeam: "Platform", kind: "AGENT", modes: expect.arrayContaining(["AUTONOMOUS"]) });
    const decided = doc.grants.find((g: { decisions: unknown[] }) => g.decisions.length > 0);
    expect(decided.decisions[0]).toMatchObject({ reviewer: expect.stringContaining("@"), decision: expect.stringMatching(/APPROVE|DENY/) });
    expect(typeof decided.tool).toBe("string");
    expect(doc.incidents.find((i: { key: string }) => i.key === "INC-2041").tools).toContainEqual({ tool: "kiro-agent", role: "TRIGGERED" });
    expect(doc.observations[0]).toEqual(expect.objectContaining({ tool: expect.any(String), environment: expect.any(String), autonomy: expect.any(String) }));
    expect(doc.mitigations.length + doc.risks.length).toBeGreaterThan(0);
  });

  it("imports its own tools back: the same register, nothing changed, nothing written", async () => {
    const document = await (await getExport(apiRequest("/api/v1/export", { token: lead }), params({}))).text();
    const audits = await auditCount();
    const response = await importRequest(document, { contentType: "application/json" });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report).toMatchObject({ total: await toolCount(), created: 0, updated: 0, rejected: 0 });
    expect(report.unchanged).toBe(report.total);
    expect(await auditCount()).toBe(audits);
  });
});
