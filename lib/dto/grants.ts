// What the API and the pages receive of a grant: names instead of internal ids, times as Dates (ISO
// strings on the wire), the approval matrix's requirement and the progress towards it.
import { z } from "zod";
import type { ApprovalProgress, RequiredApprovals } from "@/lib/policy/approvals";
import { AUTONOMY_LEVELS, CAPABILITY_CLASSES, DATA_SENSITIVITIES, DECISIONS, GRANT_STATUSES, TIERS } from "@/lib/policy/types";
import { pageOf } from "./page";

export const requiredApprovalsSchema = z.object({
  count: z.union([z.literal(1), z.literal(2)]).describe("distinct reviewers, never the requester"),
  seniorRequired: z.boolean(),
  reasons: z.array(z.string()).describe("the matrix triggers that apply, in plain words"),
}) satisfies z.ZodType<RequiredApprovals>;

export const approvalProgressSchema = z.object({
  approvals: z.number().int(),
  seniorApprovals: z.number().int(),
  satisfied: z.boolean(),
  missing: z.array(z.string()).describe("what is still needed, in plain words; empty when satisfied"),
}) satisfies z.ZodType<ApprovalProgress>;

export const grantDecisionSchema = z.object({
  reviewer: z.string().describe("email"),
  reviewerName: z.string(),
  decision: z.enum(DECISIONS),
  comment: z.string(),
  senior: z.boolean().describe("whether the reviewer was senior when deciding"),
  at: z.date(),
});

export const grantSchema = z.object({
  id: z.string(),
  tool: z.string().describe("tool slug"),
  toolName: z.string(),
  environment: z.string().describe("environment name"),
  maxAutonomy: z.enum(AUTONOMY_LEVELS),
  capabilities: z.array(z.string()).describe("capability keys"),
  justification: z.string(),
  status: z.enum(GRANT_STATUSES).describe("as stored"),
  effectiveStatus: z.enum(GRANT_STATUSES).describe("as it stands now: an APPROVED grant past its expiry is EXPIRED"),
  supersededBy: z.string().nullable().describe("a later grant for the same tool and environment that governs instead of this approved one"),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  ageDays: z.number().int().describe("whole days since the request"),
  requester: z.string().describe("email"),
  requesterName: z.string(),
  risk: z.object({
    tier: z.enum(TIERS),
    dataSensitivity: z.enum(DATA_SENSITIVITIES),
    criticalPath: z.boolean(),
    capabilities: z.array(z.object({ key: z.string(), class: z.enum(CAPABILITY_CLASSES).nullable().describe("null for a key the catalog does not know") })),
  }),
  requiredApprovals: requiredApprovalsSchema,
  progress: approvalProgressSchema,
  decisions: z.array(grantDecisionSchema),
  review: z
    .object({
      lastCertifiedAt: z.date().nullable().describe("the latest access review that certified it; null until the first"),
      dueAt: z.date().describe("when it is due for recertification: the policy's period for its tier after it was approved or last certified"),
      overdueAt: z.date().describe("when, still not certified, it becomes the GRANT_NOT_RECERTIFIED finding"),
    })
    .nullable()
    .describe("access review of a grant in force; null for any other"),
});

export type GrantDto = z.infer<typeof grantSchema>;

export const grantPageSchema = pageOf(grantSchema);

/** Whether the person looking may decide now, asked of the policy itself (a dry run of their approval). */
export const decisionEligibilitySchema = z.object({
  canDecide: z.boolean(),
  code: z.string().nullable(),
  reason: z.string().nullable(),
  /** What the person looking decided on this grant, if they did. */
  yourDecision: z.enum(DECISIONS).nullable(),
});

export type DecisionEligibility = z.infer<typeof decisionEligibilitySchema>;

/** A grant as the queue and its page show it to one person. */
export const grantViewSchema = grantSchema.extend({ viewer: decisionEligibilitySchema });

export type GrantView = z.infer<typeof grantViewSchema>;
