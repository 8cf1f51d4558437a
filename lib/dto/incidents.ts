// Incidents as the API answers them and the pages show them.
import { z } from "zod";
import { AUTONOMY_LEVELS, CHANGE_TYPES, AI_ORIGINS, GRANT_STATUSES, INCIDENT_SEVERITIES, INCIDENT_TOOL_ROLES, TOOL_STATUSES } from "@/lib/policy/types";
import { GENAI_ANSWERS, INCIDENT_STATUSES } from "@/lib/validation/incidents.validation";
import { mitigationSchema } from "./mitigations";
import { pageOf } from "./page";

const severity = z.enum(INCIDENT_SEVERITIES);
const status = z.enum(INCIDENT_STATUSES);
const genAiContributed = z.enum(GENAI_ANSWERS).describe("Did GenAI tools, permissions or missing guardrails contribute?");
const role = z.enum(INCIDENT_TOOL_ROLES);
const aiLinked = z.boolean().describe("answered YES, or a tool is linked as TRIGGERED or CONTRIBUTED");

// The API shape: names instead of ids, the blast radius as flat lists.
export const incidentSchema = z.object({
  key: z.string(),
  title: z.string(),
  severity,
  status,
  startedAt: z.date(),
  detectedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  summary: z.string(),
  environments: z.array(z.string()),
  services: z.array(z.string()),
  regions: z.array(z.string()),
  customerImpact: z.string(),
  postmortemUrl: z.string().nullable(),
  genAiContributed,
  aiLinked,
  tools: z.array(z.object({ tool: z.string().describe("tool slug"), name: z.string(), role })),
  changes: z.array(z.string()).describe("externalIds of the linked changes"),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type IncidentDto = z.infer<typeof incidentSchema>;

export const incidentPageSchema = pageOf(incidentSchema);

export const incidentDetailSchema = incidentSchema.extend({ mitigations: z.array(mitigationSchema) });

export type IncidentDetailDto = z.infer<typeof incidentDetailSchema>;

export const incidentToolLinkResultSchema = z.object({ incident: z.string(), tool: z.string(), role });

// A row of the Incidents table (and of its CSV export).
export const incidentRowSchema = z.object({
  key: z.string(),
  title: z.string(),
  severity,
  status,
  genAiContributed,
  aiLinked,
  tools: z.array(z.object({ slug: z.string(), role })),
  startedAt: z.date(),
  resolvedAt: z.date().nullable(),
  durationMs: z.number().describe("started → resolved, or → now while unresolved"),
  ongoing: z.boolean(),
});

export type IncidentRow = z.infer<typeof incidentRowSchema>;

export const incidentRowPageSchema = pageOf(incidentRowSchema);

export type IncidentPage = z.infer<typeof incidentRowPageSchema>;

// What the incident page shows of each linked tool at a glance (its findings are added beside it).
export const incidentToolViewSchema = z.object({
  slug: z.string(),
  name: z.string(),
  role,
  status: z.enum(TOOL_STATUSES),
  grants: z.array(z.object({ id: z.string(), environment: z.string(), status: z.enum(GRANT_STATUSES), maxAutonomy: z.enum(AUTONOMY_LEVELS), expiresAt: z.date().nullable() })),
  allowed: z.array(
    z.object({ environment: z.string(), allowed: z.enum(AUTONOMY_LEVELS), actual: z.enum(AUTONOMY_LEVELS).nullable(), gap: z.number(), ceiling: z.string().nullable().describe("why the incident ceiling caps it") }),
  ),
});

export type IncidentToolView = z.infer<typeof incidentToolViewSchema>;

export const incidentChangeSchema = z.object({
  externalId: z.string(),
  service: z.string(),
  environment: z.string(),
  changeType: z.enum(CHANGE_TYPES),
  aiOrigin: z.enum(AI_ORIGINS),
  tool: z.string().nullable(),
  mode: z.enum(AUTONOMY_LEVELS).nullable(),
  deployedAt: z.date(),
});

export type IncidentChangeDto = z.infer<typeof incidentChangeSchema>;

/** Choices for the link forms: every tool, the most recent incidents, the environments. */
export interface IncidentLinkOptions {
  tools: { slug: string; name: string }[];
  incidents: { key: string; title: string; severity: z.infer<typeof severity> }[];
  environments: string[];
}
