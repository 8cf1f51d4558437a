// A tool as the API and the pages see it: the register's row, the whole tool with its grants,
// observations and incidents, and what an inventory sync replaced. Names instead of internal ids.
import { z } from "zod";
import { discoveryEvidenceSchema } from "@/lib/validation/discovery.validation";
import {
  AUTONOMY_LEVELS,
  INCIDENT_SEVERITIES,
  INCIDENT_TOOL_ROLES,
  OBSERVATION_SOURCES,
  TIERS,
  TOOL_KINDS,
  TOOL_STATUSES,
} from "@/lib/policy/types";
import { grantDecisionSchema, grantSchema } from "./grants";
import { pageOf } from "./page";

/** The tool's own fields; also the before/after of its audit events. */
export const toolFieldsSchema = z.object({
  slug: z.string(),
  name: z.string(),
  vendor: z.string(),
  kind: z.enum(TOOL_KINDS),
  status: z.enum(TOOL_STATUSES),
  ownerTeam: z.string().describe("the owning team's name"),
  modes: z.array(z.enum(AUTONOMY_LEVELS)),
  description: z.string(),
});
export type ToolFieldsDto = z.infer<typeof toolFieldsSchema>;

export const toolRowSchema = toolFieldsSchema.omit({ description: true }).extend({
  environments: z.array(z.string()).describe("where the tool is observed"),
  updatedAt: z.date(),
});
export type ToolRow = z.infer<typeof toolRowSchema>;

export const toolPageSchema = pageOf(toolRowSchema);
export type ToolPage = z.infer<typeof toolPageSchema>;

// A grant as its tool's page lists it: the environment and the decisions, the tool being known.
const toolGrantSchema = grantSchema
  .pick({ id: true, environment: true, maxAutonomy: true, capabilities: true, status: true, effectiveStatus: true, supersededBy: true, justification: true, expiresAt: true, requester: true, requesterName: true })
  .extend({ decisions: z.array(grantDecisionSchema.omit({ senior: true })) });

export const toolObservationSchema = z.object({
  environment: z.string(),
  tier: z.enum(TIERS),
  autonomy: z.enum(AUTONOMY_LEVELS),
  capabilities: z.array(z.string()),
  source: z.enum(OBSERVATION_SOURCES),
  observedAt: z.date(),
  connector: z.string().nullable().describe("the discovery connector that found it; null for a declaration or an API sync"),
  scope: z.string().nullable().describe("what the discovery run scanned (a repository); null for a declaration or an API sync"),
  evidence: z.array(discoveryEvidenceSchema).describe("the statements that grant the access, for discovered rows"),
});

export type ToolObservationDto = z.infer<typeof toolObservationSchema>;

const toolIncidentSchema = z.object({
  key: z.string(),
  title: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES),
  role: z.enum(INCIDENT_TOOL_ROLES),
  startedAt: z.date(),
});

export const toolDetailSchema = toolFieldsSchema.extend({
  grants: z.array(toolGrantSchema).describe("newest first"),
  observations: z.array(toolObservationSchema).describe("by tier; one per source (a declaration, each discovery connector and scope), which the policy merges"),
  incidents: z.array(toolIncidentSchema).describe("newest first"),
  deniedAttempts: z
    .array(z.object({ environment: z.string(), count: z.number().int(), lastAt: z.date() }))
    .describe("how often POST /api/v1/authorize refused the tool, per environment, latest first"),
});
export type ToolDetailDto = z.infer<typeof toolDetailSchema>;

/** PUT /api/v1/tools/{slug}/observations: what is declared or synced of the tool now (discovered rows are not in it). */
export const observationsReplacedSchema = z.object({
  tool: z.string().describe("slug"),
  observations: z.array(toolObservationSchema.omit({ tier: true, connector: true, scope: true, evidence: true })),
});
export type ObservationsReplacedDto = z.infer<typeof observationsReplacedSchema>;
