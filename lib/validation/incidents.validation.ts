import { z } from "zod";
import { INCIDENT_SEVERITIES, INCIDENT_TOOL_ROLES } from "@/lib/policy/types";
import { dateTime, FUTURE_TOLERANCE_MS, list, optionalDateTime, optionalUrl, text } from "./form-fields.validation";
import { multiValue, pageQuerySchema } from "./paging";

export const INCIDENT_STATUSES = ["OPEN", "MITIGATED", "RESOLVED", "CLOSED"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const GENAI_ANSWERS = ["YES", "NO", "UNKNOWN"] as const;
export type GenAiAnswer = (typeof GENAI_ANSWERS)[number];

export const GENAI_QUESTION = "Did GenAI tools, permissions or missing guardrails contribute?";

// Keys appear in URLs (/incidents/INC-2041, /api/v1/incidents/INC-2041/tools): a safe alphabet.
export const incidentKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_-]{1,39}$/, "Use 2–40 letters, digits and dashes, starting with a letter, e.g. INC-2059.");

// The fields without defaults, so that a partial (PATCH) leaves out what it does not mention.
const fields = {
  key: incidentKeySchema,
  title: z.string().trim().min(3, "Give the incident a title (3 characters or more).").max(200, "At most 200 characters."),
  severity: z.enum(INCIDENT_SEVERITIES, { error: `Choose a severity: ${INCIDENT_SEVERITIES.join(", ")}.` }),
  status: z.enum(INCIDENT_STATUSES, { error: `Choose a status: ${INCIDENT_STATUSES.join(", ")}.` }),
  startedAt: dateTime,
  detectedAt: optionalDateTime,
  resolvedAt: optionalDateTime,
  summary: text(5000),
  environments: list(),
  services: list(),
  regions: list(),
  customerImpact: text(2000),
  postmortemUrl: optionalUrl,
  genAiContributed: z.enum(GENAI_ANSWERS, { error: "Answer the question: YES, NO or UNKNOWN." }),
};

type Checked = {
  status: IncidentStatus;
  startedAt: Date;
  detectedAt: Date | null;
  resolvedAt: Date | null;
  genAiContributed: GenAiAnswer;
};

// The rules of an incident's timeline and of closing it; each error names the field to fix.
function checkIncident(incident: Checked, ctx: z.RefinementCtx, now = Date.now()): void {
  const { startedAt, detectedAt, resolvedAt } = incident;
  for (const [field, at] of [["startedAt", startedAt], ["detectedAt", detectedAt], ["resolvedAt", resolvedAt]] as const) {
    if (at && at.getTime() > now + FUTURE_TOLERANCE_MS) ctx.addIssue({ code: "custom", path: [field], message: "Cannot be in the future." });
  }
  if (detectedAt && detectedAt < startedAt) {
    ctx.addIssue({ code: "custom", path: ["detectedAt"], message: "Detected must be at or after the start." });
  }
  if (resolvedAt && detectedAt && resolvedAt < detectedAt) {
    ctx.addIssue({ code: "custom", path: ["resolvedAt"], message: "Resolved must be at or after detection." });
  } else if (resolvedAt && resolvedAt < startedAt) {
    ctx.addIssue({ code: "custom", path: ["resolvedAt"], message: "Resolved must be at or after the start." });
  }
  if ((incident.status === "RESOLVED" || incident.status === "CLOSED") && !resolvedAt) {
    ctx.addIssue({ code: "custom", path: ["resolvedAt"], message: `A ${incident.status.toLowerCase()} incident needs the time it was resolved.` });
  }
  if (incident.status === "CLOSED" && incident.genAiContributed === "UNKNOWN") {
    ctx.addIssue({
      code: "custom",
      path: ["status"],
      message: "Cannot close while “Did GenAI contribute?” is UNKNOWN: answer YES or NO first.",
    });
  }
}

// POST /api/v1/incidents and the create/edit forms: one schema, one set of rules.
export const incidentInputSchema = z
  .object({
    ...fields,
    status: fields.status.default("OPEN"),
    detectedAt: fields.detectedAt.default(null),
    resolvedAt: fields.resolvedAt.default(null),
    summary: fields.summary.default(""),
    environments: fields.environments.default([]),
    services: fields.services.default([]),
    regions: fields.regions.default([]),
    customerImpact: fields.customerImpact.default(""),
    postmortemUrl: fields.postmortemUrl.default(null),
    genAiContributed: fields.genAiContributed.default("UNKNOWN"),
  })
  .superRefine((incident, ctx) => checkIncident(incident, ctx));

export type IncidentInput = z.infer<typeof incidentInputSchema>;
/** What the schema accepts (strings or dates, lists as arrays or comma text). */
export type IncidentRawInput = z.input<typeof incidentInputSchema>;

// PATCH /api/v1/incidents/{key}: any subset of the fields except the key; the merged incident is
// then checked with incidentInputSchema, so a patch cannot slip past the timeline rules.
export const incidentPatchSchema = z
  .object(fields)
  .omit({ key: true })
  .partial()
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Send at least one field to change.");
export type IncidentPatch = z.infer<typeof incidentPatchSchema>;

export const incidentToolLinkSchema = z.object({
  tool: z.string().trim().min(1, "Choose a tool.").max(200),
  role: z.enum(INCIDENT_TOOL_ROLES, { error: `Choose a role: ${INCIDENT_TOOL_ROLES.join(", ")}.` }),
});
export type IncidentToolLink = z.infer<typeof incidentToolLinkSchema>;

export const INCIDENT_SORT_KEYS = ["startedAt", "severity", "status", "key", "title"] as const;

// The list's filters, sort and page: GET /api/v1/incidents and its CSV export (strict), the
// Incidents page (the same schema read leniently, lib/validation/paging.ts).
export const incidentListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).optional().describe("searches key, title and summary"),
  severity: multiValue(INCIDENT_SEVERITIES),
  status: multiValue(INCIDENT_STATUSES),
  genAi: z.enum(GENAI_ANSWERS).optional(),
  tool: z.string().trim().min(1).max(200).optional().describe("a linked tool's slug"),
  sort: z.enum(INCIDENT_SORT_KEYS).default("startedAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>;

export const METRIC_PERIODS = [30, 90, 180, 365] as const;

export const metricsQuerySchema = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((n) => (METRIC_PERIODS as readonly number[]).includes(n), `One of ${METRIC_PERIODS.join(", ")} days.`)
    .default(90),
  severity: multiValue(INCIDENT_SEVERITIES),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;
