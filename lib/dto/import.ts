// An import's report, row by row: the answer of a successful import and, as error.details of
// the 422, of a rejected one.
import { z } from "zod";
import { IMPORT_FORMATS, IMPORT_MODES } from "@/lib/validation/import.validation";

const problemSchema = z.object({ field: z.string(), message: z.string() });

export const IMPORT_OUTCOMES = ["created", "updated", "unchanged", "rejected"] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export const importRowReportSchema = z.object({
  row: z.number().int().describe("1-based position of the tool in the input"),
  slug: z.string().nullable(),
  outcome: z.enum(IMPORT_OUTCOMES),
  changes: z.array(z.string()).optional().describe("for updated rows: the fields that change"),
  problems: z.array(problemSchema),
});
export type ImportRowReport = z.infer<typeof importRowReportSchema>;

export const importReportSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  mode: z.enum(IMPORT_MODES),
  dryRun: z.boolean(),
  imported: z.boolean().describe("true when the tools were written; false when rejected or a dry run"),
  total: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  fileProblems: z.array(problemSchema).describe("problems of the file itself (header, syntax), not of one row"),
  rows: z.array(importRowReportSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** The people import's report: each row addressed by its e-mail. */
export const peopleImportReportSchema = importReportSchema.extend({
  imported: z.boolean().describe("true when the people were written; false when rejected or a dry run"),
  rows: z.array(importRowReportSchema.omit({ slug: true }).extend({ row: z.number().int().describe("1-based position of the person in the input"), email: z.string().nullable() })),
});
export type PeopleImportReport = z.infer<typeof peopleImportReportSchema>;
