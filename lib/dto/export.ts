// GET /api/v1/export: the whole register as one document. Records refer to each other by their API
// addresses (tool slug, environment and team names, capability and incident keys, user emails), so
// the document reads on its own and tools can be imported back from it.
import { z } from "zod";
import { policySchema } from "@/lib/validation/policy.validation";
import { capabilitySchema, environmentSchema, teamSchema } from "./catalog";
import { changeSchema } from "./changes";
import { exceptionSchema } from "./exceptions";
import { grantDecisionSchema, grantSchema } from "./grants";
import { incidentSchema } from "./incidents";
import { mitigationSchema } from "./mitigations";
import { riskSchema } from "./risks";
import { toolFieldsSchema, toolObservationSchema } from "./tools";

export const EXPORT_FORMAT = "genai-risk-register/v1";

// Each record is its API shape where the fields are the same, stored facts only (no computed status,
// counts or flags), with references as addresses instead of nested objects.
const address = z.string().nullable();
const recorded = { createdAt: z.date(), updatedAt: z.date() };

const sections = {
  teams: z.array(teamSchema.omit({ toolCount: true })),
  environments: z.array(environmentSchema),
  capabilities: z.array(capabilitySchema),
  tools: z.array(toolFieldsSchema.extend(recorded)),
  grants: z.array(
    grantSchema
      .pick({ id: true, tool: true, environment: true, maxAutonomy: true, capabilities: true, justification: true, expiresAt: true, status: true, requester: true, createdAt: true, decidedAt: true, revokedAt: true })
      .extend({
        decisions: z.array(grantDecisionSchema.omit({ reviewerName: true })),
        certifications: z.array(z.object({ reviewer: z.string().describe("email"), comment: z.string(), at: z.date() })).describe("access reviews that certified it, oldest first"),
      }),
  ),
  observations: z.array(toolObservationSchema.omit({ tier: true }).extend({ tool: z.string().describe("tool slug") })),
  incidents: z.array(
    incidentSchema.omit({ aiLinked: true, createdAt: true, updatedAt: true }).extend({ tools: z.array(incidentSchema.shape.tools.element.omit({ name: true })) }),
  ),
  mitigations: z.array(
    mitigationSchema
      .pick({ id: true, title: true, kind: true, status: true, dueDate: true, ownerTeam: true })
      .extend({ incident: address.describe("incident key"), risk: address.describe("risk id"), grant: address.describe("grant id"), ownerUser: address.describe("email"), ...recorded }),
  ),
  changes: z.array(changeSchema.omit({ id: true })),
  exceptions: z.array(
    exceptionSchema
      .pick({ id: true, reason: true, proposedAt: true, expiresAt: true, needsConfirmation: true, confirmedAt: true, acceptedSeverity: true })
      .extend({
        finding: z.string().describe("finding id"),
        tool: z.string(),
        environment: z.string(),
        rule: z.string(),
        owner: z.string().describe("email"),
        proposedBy: z.string().describe("email"),
        confirmedBy: address.describe("email"),
      }),
  ),
  risks: z.array(
    riskSchema.pick({ id: true, tool: true, statement: true, likelihood: true, impact: true, treatment: true, ownerTeam: true, nextReview: true }).extend({ ownerUser: address.describe("email") }),
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
