// GET /api/v1/export: the whole register as one document. Records refer to each other by their API
// addresses (tool slug, environment and team names, capability and incident keys, user emails), so
// the document reads on its own and tools can be imported back from it.
import { z } from "zod";
import {
  AI_ORIGINS,
  AUTONOMY_LEVELS,
  CAPABILITY_CLASSES,
  CHANGE_TYPES,
  DATA_SENSITIVITIES,
  DECISIONS,
  GRANT_STATUSES,
  INCIDENT_SEVERITIES,
  INCIDENT_TOOL_ROLES,
  OBSERVATION_SOURCES,
  TIERS,
  TOOL_KINDS,
  TOOL_STATUSES,
} from "@/lib/policy/types";
import { GENAI_ANSWERS, INCIDENT_STATUSES } from "@/lib/validation/incidents.validation";
import { MITIGATION_KINDS, MITIGATION_STATUSES } from "@/lib/validation/mitigations.validation";
import { policySchema } from "@/lib/validation/policy.validation";
import { RISK_TREATMENTS } from "@/lib/validation/risks.validation";
import { changeViolationSchema } from "./changes";

export const EXPORT_FORMAT = "genai-risk-register/v1";

const autonomy = z.enum(AUTONOMY_LEVELS);

const sections = {
  teams: z.array(z.object({ name: z.string(), description: z.string() })),
  environments: z.array(z.object({ name: z.string(), tier: z.enum(TIERS), dataSensitivity: z.enum(DATA_SENSITIVITIES), criticalPath: z.boolean(), description: z.string() })),
  capabilities: z.array(z.object({ key: z.string(), class: z.enum(CAPABILITY_CLASSES), description: z.string() })),
  tools: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      vendor: z.string(),
      kind: z.enum(TOOL_KINDS),
      status: z.enum(TOOL_STATUSES),
      ownerTeam: z.string(),
      modes: z.array(autonomy),
      description: z.string(),
      createdAt: z.date(),
      updatedAt: z.date(),
    }),
  ),
  grants: z.array(
    z.object({
      id: z.string(),
      tool: z.string(),
      environment: z.string(),
      maxAutonomy: autonomy,
      capabilities: z.array(z.string()),
      justification: z.string(),
      expiresAt: z.date().nullable(),
      status: z.enum(GRANT_STATUSES).describe("as stored"),
      requester: z.string(),
      createdAt: z.date(),
      decidedAt: z.date().nullable(),
      revokedAt: z.date().nullable(),
      decisions: z.array(z.object({ reviewer: z.string(), decision: z.enum(DECISIONS), senior: z.boolean(), comment: z.string(), at: z.date() })),
    }),
  ),
  observations: z.array(z.object({ tool: z.string(), environment: z.string(), autonomy, capabilities: z.array(z.string()), source: z.enum(OBSERVATION_SOURCES), observedAt: z.date() })),
  incidents: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      severity: z.enum(INCIDENT_SEVERITIES),
      status: z.enum(INCIDENT_STATUSES),
      startedAt: z.date(),
      detectedAt: z.date().nullable(),
      resolvedAt: z.date().nullable(),
      summary: z.string(),
      environments: z.array(z.string()),
      services: z.array(z.string()),
      regions: z.array(z.string()),
      customerImpact: z.string(),
      postmortemUrl: z.string().nullable(),
      genAiContributed: z.enum(GENAI_ANSWERS),
      tools: z.array(z.object({ tool: z.string(), role: z.enum(INCIDENT_TOOL_ROLES) })),
      changes: z.array(z.string()),
    }),
  ),
  mitigations: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: z.enum(MITIGATION_KINDS),
      status: z.enum(MITIGATION_STATUSES),
      dueDate: z.date().nullable(),
      incident: z.string().nullable(),
      risk: z.string().nullable(),
      grant: z.string().nullable(),
      ownerTeam: z.string().nullable(),
      ownerUser: z.string().nullable(),
      createdAt: z.date(),
      updatedAt: z.date(),
    }),
  ),
  changes: z.array(
    z.object({
      externalId: z.string(),
      service: z.string(),
      environment: z.string(),
      changeType: z.enum(CHANGE_TYPES),
      aiOrigin: z.enum(AI_ORIGINS),
      tool: z.string().nullable(),
      mode: autonomy.nullable(),
      approvers: z.array(z.string()),
      rollbackPlan: z.string().nullable(),
      deployedAt: z.date(),
      violations: z.array(changeViolationSchema),
    }),
  ),
  risks: z.array(
    z.object({
      id: z.string(),
      tool: z.string(),
      statement: z.string(),
      likelihood: z.number().int(),
      impact: z.number().int(),
      treatment: z.enum(RISK_TREATMENTS),
      ownerTeam: z.string().nullable(),
      ownerUser: z.string().nullable(),
      nextReview: z.date(),
    }),
  ),
};

export type RegisterSections = { [Name in keyof typeof sections]: z.infer<(typeof sections)[Name]> };

export const registerDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  exportedAt: z.date(),
  exportedBy: z.string(),
  // The rules in force belong to the register: the same findings follow from the same policy.
  policy: policySchema.extend({ version: z.number().int() }),
  counts: z.object(Object.fromEntries(Object.keys(sections).map((name) => [name, z.number().int()])) as Record<keyof typeof sections, z.ZodNumber>),
  ...sections,
});

export type RegisterDocument = z.infer<typeof registerDocumentSchema>;
