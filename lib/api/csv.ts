// CSV files of the tables' views, rendered a page at a time as the download is read (the rows come
// from lib/data/export.ts), and the headers every downloaded file is answered with.
import Papa from "papaparse";
import { z } from "zod";
import type { ExportRows } from "@/lib/data/export";

export interface CsvColumn<Row> {
  /** The CSV header; also the table's column id (what ?hide= names) unless `column` says otherwise. */
  id: string;
  /** The table column this field is shown in, when one table column shows several fields. */
  column?: string;
  /** A time is written as ISO 8601 (UTC), null as an empty cell. */
  value: (row: Row) => string | number | boolean | Date | null;
  /** Key columns stay in the file even when hidden in the table. */
  always?: boolean;
}

/** Separator of list cells (modes, environments); the tool import accepts it back. */
export const LIST_SEPARATOR = ";";

/** The table's hidden columns as its URL names them (?hide=vendor,modes); key columns stay in the file. */
const hiddenColumns = z
  .string()
  .max(2000)
  .optional()
  .transform((hide) => (hide ?? "").split(",").filter(Boolean))
  .describe("table columns to leave out, comma-separated");

/** A table's CSV export reads the table's own query, and which of its columns are hidden. */
export function csvQuery<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  return schema.extend({ hide: hiddenColumns });
}

// escapeFormulae so that a cell starting with = + - @ is text, not a formula, when the file is opened
// (CSV injection).
const CSV_OPTIONS = { escapeFormulae: true, newline: "\r\n" };

/** CSV lines, each ended by CRLF, so that pages of them concatenate into one file. */
function csvLines(cells: (string | number | boolean)[][]): string {
  return Papa.unparse(cells, CSV_OPTIONS) + "\r\n";
}

function cell(value: string | number | boolean | Date | null): string | number | boolean {
  return value instanceof Date ? value.toISOString() : (value ?? "");
}

export function visibleColumns<Row>(columns: CsvColumn<Row>[], hidden: readonly string[]): CsvColumn<Row>[] {
  return columns.filter((c) => c.always || !hidden.includes(c.column ?? c.id));
}

/**
 * The file as a stream: the header, then one chunk per page, each read only when the client has
 * taken the previous one. Its rows' export slot is given back at the end, when reading fails and
 * when the client goes away.
 */
export function csvStream<Row>(columns: CsvColumn<Row>[], rows: ExportRows<Row>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let empty = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM so that spreadsheet programs read UTF-8.
      controller.enqueue(encoder.encode("\uFEFF" + csvLines([columns.map((c) => c.id)])));
    },
    async pull(controller) {
      try {
        const next = await rows.pages.next();
        if (next.done) {
          // Byte for byte as the whole-file export wrote a view without rows: one empty line after the header.
          if (empty) controller.enqueue(encoder.encode("\r\n"));
          controller.close();
          return;
        }
        if (next.value.length > 0) {
          empty = false;
          controller.enqueue(encoder.encode(csvLines(next.value.map((row) => columns.map((c) => cell(c.value(row)))))));
        }
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: () => rows.close(),
  });
}

export interface CsvFile {
  filename: string;
  /** The rows the file holds, counted as it started. */
  rows: number;
  body: ReadableStream<Uint8Array>;
}

/** A downloaded file's headers: saved under its name, never cached. */
export function attachment(filename: string): Record<string, string> {
  return { "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" };
}

export function csvResponse(file: CsvFile): Response {
  return new Response(file.body, {
    headers: { "content-type": "text/csv; charset=utf-8", ...attachment(file.filename), "x-total-count": String(file.rows) },
  });
}
