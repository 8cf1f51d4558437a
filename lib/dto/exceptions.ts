// Risk acceptances as the API, the pages and the export see them, each with where it stands now.
import { z } from "zod";
import { EXCEPTION_STATES } from "@/lib/policy/exceptions";
import { FINDING_RULES, SEVERITIES } from "@/lib/policy/types";
import { pageOf } from "./page";

const person = z.object({ email: z.string(), name: z.string() });

export const exceptionSchema = z.object({
  id: z.string(),
  finding: z.object({ id: z.string(), rule: z.enum(FINDING_RULES), tool: z.string(), environment: z.string(), severity: z.enum(SEVERITIES).describe("the finding's severity now") }),
  reason: z.string(),
  owner: person,
  proposedBy: person,
  proposedAt: z.date(),
  expiresAt: z.date(),
  needsConfirmation: z.boolean().describe("a CRITICAL finding's acceptance needs a second, senior reviewer"),
  confirmedBy: person.nullable(),
  confirmedAt: z.date().nullable(),
  acceptedSeverity: z.enum(SEVERITIES),
  state: z.enum(EXCEPTION_STATES).describe("IN_FORCE: the finding leaves the headline counts; any other state: it counts again"),
});
export type ExceptionDto = z.infer<typeof exceptionSchema>;

export const exceptionPageSchema = pageOf(exceptionSchema);
export const exceptionListSchema = z.object({ rows: z.array(exceptionSchema) });

/** What a finding shows of the exception that holds for it. */
export const acceptanceSchema = z.object({ exceptionId: z.string(), until: z.date(), by: z.string().describe("who accepted it (and who confirmed it)"), owner: z.string() });
export type AcceptanceDto = z.infer<typeof acceptanceSchema>;
