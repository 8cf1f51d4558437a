// Tool and people imports: reading a CSV file or a JSON document into rows, and the schema each row must meet.
// Pure (no database): the same parsing can run in the browser to preview a file.
import Papa from "papaparse";
import { z } from "zod";
import { unsafeTextIssue } from "./safe-text";
import { AUTONOMY_LEVELS } from "@/lib/policy/types";
import { toolFields } from "./catalog.validation";
import { githubLoginSchema, userCreateSchema } from "./users.validation";

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

/** What one kind of import reads: its columns, the headers people write for them, its JSON document. */
interface ImportSpec {
  /** Plural, as messages say it: "tools", "people". */
  noun: string;
  /** The singular of the noun, for "each tool must be an object". */
  one: string;
  fields: readonly string[];
  required: readonly string[];
  /** Folded headers (lower-case, no spaces, underscores or dashes) that name a field otherwise. */
  aliases: Record<string, string>;
  /** Columns whose empty cell is a value (an empty list or text), not "keep what is there". */
  emptyIsValue: readonly string[];
  /** The array of a JSON document that holds the records. */
  documentKey: string;
  /** Where such a document comes from, for the message when the JSON is not one. */
  documentHint?: string;
}

function headerKeyOf(spec: ImportSpec) {
  const aliases: Record<string, string> = { ...Object.fromEntries(spec.fields.map((f) => [f.toLowerCase(), f])), ...spec.aliases };
  return (header: string) => aliases[header.trim().toLowerCase().replace(/[\s_-]+/g, "")] ?? header.trim();
}

// Our CSV export writes a leading ' before = + - @ (so spreadsheets do not run them); read it back.
const unescapeFormula = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

function parseCsv(content: string, spec: ImportSpec): ParsedImport {
  const result = Papa.parse<Record<string, string>>(content.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: headerKeyOf(spec),
    transform: (value) => unescapeFormula(value.trim()),
  });
  const problems: ImportProblem[] = [];
  const headers = result.meta.fields ?? [];
  const missing = spec.required.filter((f) => !headers.includes(f));
  if (missing.length) problems.push({ row: 0, field: missing.join(", "), message: `the CSV header lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` });
  for (const error of result.errors) {
    // Papa counts data rows from 0; a file-level error (e.g. no delimiter in a one-column file) has no row.
    if (error.code === "UndetectableDelimiter") continue;
    problems.push({ row: error.row === undefined ? 0 : error.row + 1, field: "row", message: error.message });
  }
  // A cell left empty says "no value": the field's default (new record) or its current value
  // (existing record) — except where the spec says an empty cell is a value.
  const records = result.data.map((raw) => {
    const record: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key === "__parsed_extra" || value === undefined) continue;
      if (value === "" && !spec.emptyIsValue.includes(key)) continue;
      record[key] = value;
    }
    return record;
  });
  return { format: "csv", records, problems };
}

function parseJson(content: string, spec: ImportSpec): ParsedImport {
  let document: unknown;
  try {
    document = JSON.parse(content.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { format: "json", records: [], problems: [{ row: 0, field: "body", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = z.union([z.array(z.unknown()), z.object({ [spec.documentKey]: z.array(z.unknown()) })]).safeParse(document);
  if (!parsed.success) {
    return { format: "json", records: [], problems: [{ row: 0, field: "body", message: `expected an array of ${spec.noun} or a document with a ${spec.documentKey} array${spec.documentHint ? ` (${spec.documentHint})` : ""}` }] };
  }
  const items = Array.isArray(parsed.data) ? parsed.data : (parsed.data as Record<string, unknown[]>)[spec.documentKey];
  const problems: ImportProblem[] = [];
  const records = items.map((item, index) => {
    const textIssue = unsafeTextIssue(item);
    if (textIssue) {
      problems.push({ row: index + 1, field: textIssue.field, message: textIssue.message });
      return {};
    }
    if (item && typeof item === "object" && !Array.isArray(item)) return item as Record<string, unknown>;
    problems.push({ row: index + 1, field: "row", message: `each ${spec.one} must be an object` });
    return {};
  });
  return { format: "json", records, problems };
}

function parseImport(content: string, format: ImportFormat, spec: ImportSpec): ParsedImport {
  const parsed = format === "csv" ? parseCsv(content, spec) : parseJson(content, spec);
  if (parsed.records.length === 0 && parsed.problems.length === 0) parsed.problems.push({ row: 0, field: "body", message: `no ${spec.noun} to import` });
  if (parsed.records.length > MAX_IMPORT_ROWS) {
    parsed.problems.push({ row: 0, field: "body", message: `at most ${MAX_IMPORT_ROWS} ${spec.noun} per import (this has ${parsed.records.length})` });
  }
  return parsed;
}

/** Validates one raw record against its row schema; problems name the row and field. */
function validateRow<Row>(schema: z.ZodType<Row>, record: Record<string, unknown>, row: number): { row: Row } | { problems: ImportProblem[] } {
  const result = schema.safeParse(record);
  if (result.success) return { row: result.data };
  return { problems: result.error.issues.map((issue) => ({ row, field: String(issue.path[0] ?? "row"), message: issue.message })) };
}

const TOOL_IMPORT: ImportSpec = {
  noun: "tools",
  one: "tool",
  fields: Object.keys(toolImportRowSchema.shape),
  required: ["slug", "name", "vendor", "kind", "ownerTeam"],
  // "team" and "owner" for ownerTeam, as people write them.
  aliases: { team: "ownerTeam", owner: "ownerTeam", ownerteamname: "ownerTeam", mode: "modes" },
  // The export writes a tool without modes as an empty cell: an empty list.
  emptyIsValue: ["modes", "description"],
  documentKey: "tools",
  documentHint: "GET /api/v1/export",
};

/** Reads the content into raw records; problems of the file itself have row 0. */
export function parseToolImport(content: string, format: ImportFormat): ParsedImport {
  return parseImport(content, format, TOOL_IMPORT);
}

/** Validates one raw tool; problems name the row and field. */
export function validateToolImportRow(record: Record<string, unknown>, row: number): { row: ToolImportRow } | { problems: ImportProblem[] } {
  return validateRow(toolImportRowSchema, record, row);
}

export const TOOL_IMPORT_COLUMNS = ["slug", "name", "vendor", "kind", "ownerTeam", "status", "modes", "description"] as const;
export const TOOL_IMPORT_EXAMPLE = [
  TOOL_IMPORT_COLUMNS.join(","),
  `copilot-ops,Copilot Ops,Northwind AI,OPS_BOT,SRE,PROPOSED,${AUTONOMY_LEVELS[1]};${AUTONOMY_LEVELS[2]},Drafts remediation PRs from alerts`,
].join("\n");

// A senior cell as a spreadsheet writes it: true/false, yes/no, 1/0; JSON sends a boolean.
const seniorCell = z.preprocess((raw) => {
  if (typeof raw !== "string") return raw;
  const folded = raw.trim().toLowerCase();
  if (["true", "yes", "y", "1"].includes(folded)) return true;
  if (["false", "no", "n", "0"].includes(folded)) return false;
  return raw;
}, z.boolean({ error: "senior must be true or false" }));

/** One person of a people import, addressed by e-mail. senior and githubLogin may be left out: a new
 * person is then not senior and has no login, an existing one keeps what they have. No password: an
 * imported person signs in through SSO or is given one by an admin. */
export const personImportRowSchema = z.object({
  email: userCreateSchema.shape.email,
  name: userCreateSchema.shape.name,
  role: userCreateSchema.shape.role,
  senior: seniorCell.optional(),
  githubLogin: githubLoginSchema.optional(),
});
export type PersonImportRow = z.infer<typeof personImportRowSchema>;

const PEOPLE_IMPORT: ImportSpec = {
  noun: "people",
  one: "person",
  fields: Object.keys(personImportRowSchema.shape),
  required: ["email", "name", "role"],
  aliases: { github: "githubLogin", login: "githubLogin", mail: "email", emailaddress: "email" },
  emptyIsValue: [],
  documentKey: "users",
};

export function parsePeopleImport(content: string, format: ImportFormat): ParsedImport {
  return parseImport(content, format, PEOPLE_IMPORT);
}

export function validatePersonImportRow(record: Record<string, unknown>, row: number): { row: PersonImportRow } | { problems: ImportProblem[] } {
  return validateRow(personImportRowSchema, record, row);
}

export const PEOPLE_IMPORT_COLUMNS = ["email", "name", "role", "senior", "githubLogin"] as const;
