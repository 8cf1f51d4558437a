// Tool import: reading a CSV file or a JSON document into rows, and the schema each row must meet.
// Pure (no database): the same parsing can run in the browser to preview a file.
import Papa from "papaparse";
import { z } from "zod";
import { unsafeTextIssue } from "./safe-text";
import { AUTONOMY_LEVELS } from "@/lib/policy/types";
import { toolFields } from "./catalog.validation";

export const IMPORT_FORMATS = ["csv", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_MODES = ["upsert", "create"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** Rows per import; a bigger register is imported in several files. */
export const MAX_IMPORT_ROWS = 10_000;

// ?mode=upsert (default: new slugs are created, existing ones updated) or create (an existing slug
// rejects its row); ?dryRun=true checks and reports without writing.
export const importOptionsSchema = z.object({
  mode: z.enum(IMPORT_MODES, { error: `mode must be one of ${IMPORT_MODES.join(", ")}` }).default("upsert").describe("upsert: create new slugs, update existing ones; create: an existing slug rejects its row"),
  dryRun: z
    .enum(["true", "false", "1", "0"], { error: "dryRun must be true or false" })
    .default("false")
    .transform((v) => v === "true" || v === "1")
    .describe("check and report without writing"),
  format: z.enum(IMPORT_FORMATS, { error: "format must be csv or json" }).optional().describe("csv or json; by default from the Content-Type, else from the content"),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

// A list cell of a CSV file: "SUGGEST;AGENT", "SUGGEST, AGENT" or "SUGGEST AGENT"; JSON sends an array.
const listCell = z.preprocess((raw) => (typeof raw === "string" ? raw.split(/[;,|\s]+/).filter(Boolean).map((v) => v.toUpperCase()) : raw), toolFields.modes);

/** One tool of an import. status, modes and description may be left out: a new tool then gets the
 * defaults (PROPOSED, none, ""), an existing one keeps what it has. */
export const toolImportRowSchema = z.object({
  slug: toolFields.slug,
  name: toolFields.name,
  vendor: toolFields.vendor,
  kind: toolFields.kind,
  ownerTeam: toolFields.ownerTeam,
  status: toolFields.status.optional(),
  modes: listCell.optional(),
  description: toolFields.description.optional(),
});
export type ToolImportRow = z.infer<typeof toolImportRowSchema>;

/** The JSON body: an array of tools, or a document with a `tools` array (what GET /api/v1/export returns). */
export const toolImportDocumentSchema = z.union([z.array(z.unknown()), z.object({ tools: z.array(z.unknown()) })]);

export interface ImportProblem {
  /** 1-based position of the tool in the input (the first tool after a CSV header is row 1); 0 for the file itself. */
  row: number;
  field: string;
  message: string;
}

export interface ParsedImport {
  format: ImportFormat;
  /** The raw records, in order; row n is records[n - 1]. */
  records: Record<string, unknown>[];
  problems: ImportProblem[];
}

export function detectFormat(content: string, contentType?: string | null): ImportFormat {
  if (contentType?.includes("csv")) return "csv";
  if (contentType?.includes("json")) return "json";
  return /^\s*[[{]/.test(content.replace(/^\uFEFF/, "")) ? "json" : "csv";
}

const FIELDS = Object.keys(toolImportRowSchema.shape);
// Headers as people write them: any case, spaces, underscores or dashes; "team" and "owner" for ownerTeam.
const HEADER_ALIASES: Record<string, string> = Object.fromEntries([
  ...FIELDS.map((f) => [f.toLowerCase(), f]),
  ["team", "ownerTeam"],
  ["owner", "ownerTeam"],
  ["ownerteamname", "ownerTeam"],
  ["mode", "modes"],
]);
const headerKey = (header: string) => {
  const folded = header.trim().toLowerCase().replace(/[\s_-]+/g, "");
  return HEADER_ALIASES[folded] ?? header.trim();
};

// Our CSV export writes a leading ' before = + - @ (so spreadsheets do not run them); read it back.
const unescapeFormula = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

function parseCsv(content: string): ParsedImport {
  const result = Papa.parse<Record<string, string>>(content.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: headerKey,
    transform: (value) => unescapeFormula(value.trim()),
  });
  const problems: ImportProblem[] = [];
  const headers = result.meta.fields ?? [];
  const missing = ["slug", "name", "vendor", "kind", "ownerTeam"].filter((f) => !headers.includes(f));
  if (missing.length) problems.push({ row: 0, field: missing.join(", "), message: `the CSV header lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` });
  for (const error of result.errors) {
    // Papa counts data rows from 0; a file-level error (e.g. no delimiter in a one-column file) has no row.
    if (error.code === "UndetectableDelimiter") continue;
    problems.push({ row: error.row === undefined ? 0 : error.row + 1, field: "row", message: error.message });
  }
  // A cell left empty says "no value": the field's default (new tool) or its current value (existing tool) —
  // except modes, where an empty cell is an empty list, as the export writes a tool without modes.
  const records = result.data.map((raw) => {
    const record: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key === "__parsed_extra" || value === undefined) continue;
      if (value === "" && key !== "modes" && key !== "description") continue;
      record[key] = value;
    }
    return record;
  });
  return { format: "csv", records, problems };
}

function parseJson(content: string): ParsedImport {
  let document: unknown;
  try {
    document = JSON.parse(content.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { format: "json", records: [], problems: [{ row: 0, field: "body", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = toolImportDocumentSchema.safeParse(document);
  if (!parsed.success) {
    return { format: "json", records: [], problems: [{ row: 0, field: "body", message: "expected an array of tools or a document with a tools array (GET /api/v1/export)" }] };
  }
  const tools = Array.isArray(parsed.data) ? parsed.data : parsed.data.tools;
  const problems: ImportProblem[] = [];
  const records = tools.map((tool, index) => {
    const textIssue = unsafeTextIssue(tool);
    if (textIssue) {
      problems.push({ row: index + 1, field: textIssue.field, message: textIssue.message });
      return {};
    }
    if (tool && typeof tool === "object" && !Array.isArray(tool)) return tool as Record<string, unknown>;
    problems.push({ row: index + 1, field: "row", message: "each tool must be an object" });
    return {};
  });
  return { format: "json", records, problems };
}

/** Reads the content into raw records; problems of the file itself have row 0. */
export function parseToolImport(content: string, format: ImportFormat): ParsedImport {
  const parsed = format === "csv" ? parseCsv(content) : parseJson(content);
  if (parsed.records.length === 0 && parsed.problems.length === 0) parsed.problems.push({ row: 0, field: "body", message: "no tools to import" });
  if (parsed.records.length > MAX_IMPORT_ROWS) {
    parsed.problems.push({ row: 0, field: "body", message: `at most ${MAX_IMPORT_ROWS} tools per import (this has ${parsed.records.length})` });
  }
  return parsed;
}

/** Validates one raw record; problems name the row and field. */
export function validateToolImportRow(record: Record<string, unknown>, row: number): { row: ToolImportRow } | { problems: ImportProblem[] } {
  const result = toolImportRowSchema.safeParse(record);
  if (result.success) return { row: result.data };
  return { problems: result.error.issues.map((issue) => ({ row, field: String(issue.path[0] ?? "row"), message: issue.message })) };
}

export const TOOL_IMPORT_COLUMNS = ["slug", "name", "vendor", "kind", "ownerTeam", "status", "modes", "description"] as const;
export const TOOL_IMPORT_EXAMPLE = [
  TOOL_IMPORT_COLUMNS.join(","),
  `copilot-ops,Copilot Ops,Northwind AI,OPS_BOT,SRE,PROPOSED,${AUTONOMY_LEVELS[1]};${AUTONOMY_LEVELS[2]},Drafts remediation PRs from alerts`,
].join("\n");
