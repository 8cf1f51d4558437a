// The policy's answers: the version in force with its history and pending proposals, what an edit
// changes, and the proposals that wait for a second, senior reviewer.
import { z } from "zod";
import type { PolicyDifference } from "@/lib/policy/policy-change";
import { PROPOSAL_STATUSES } from "@/lib/policy/policy-proposal";
import { policySchema } from "@/lib/validation/policy.validation";

export const policyDifferenceSchema = z.object({
  path: z.string().describe('where in the policy, e.g. "ceiling.windowDays" or "approvals.rows.1"'),
  before: z.unknown(),
  after: z.unknown(),
  loosens: z.boolean(),
  message: z.string(),
  setting: z.string(),
  change: z.string(),
  reason: z.string(),
}) satisfies z.ZodType<PolicyDifference>;

export const policyVersionSchema = z.object({
  version: z.number().int().describe("0: the built-in defaults, never edited"),
  note: z.string(),
  at: z.date().nullable(),
  by: z.string().nullable().describe("who saved it, or who proposed it (email)"),
});
export type PolicyVersionDto = z.infer<typeof policyVersionSchema>;

export const policyInForceSchema = policyVersionSchema.extend({ policy: policySchema });
export type PolicyInForce = z.infer<typeof policyInForceSchema>;

export const policyHistoryEntrySchema = policyVersionSchema.extend({
  approvedBy: z.string().nullable().describe("the senior reviewer who approved it, for a version that loosened the policy"),
});
export type PolicyHistoryEntry = z.infer<typeof policyHistoryEntrySchema>;

export const policyProposalSchema = z.object({
  id: z.number().int(),
  status: z.enum(PROPOSAL_STATUSES),
  note: z.string(),
  basedOnVersion: z.number().int().describe("the version in force when it was proposed; the differences are against it"),
  policy: policySchema,
  differences: z.array(policyDifferenceSchema),
  proposedBy: z.string(),
  proposedByName: z.string(),
  proposedAt: z.date(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  decisionComment: z.string(),
  version: z.number().int().nullable().describe("the version it became, once approved"),
});
export type PolicyProposalDto = z.infer<typeof policyProposalSchema>;

/** Whether the person looking may decide now, asked of the same rule the decision applies (a dry run). */
export const proposalEligibilitySchema = z.object({
  canDecide: z.boolean(),
  code: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ProposalEligibility = z.infer<typeof proposalEligibilitySchema>;

export const policyProposalViewSchema = policyProposalSchema.extend({ viewer: proposalEligibilitySchema });
export type PolicyProposalView = z.infer<typeof policyProposalViewSchema>;

export const policyReadSchema = policyInForceSchema.extend({
  approvedBy: z.string().nullable(),
  defaults: policySchema,
  history: z.array(policyHistoryEntrySchema).describe("newest first, ending with the defaults"),
  proposals: z.array(policyProposalViewSchema).describe("pending, oldest first"),
});
export type PolicyReadDto = z.infer<typeof policyReadSchema>;

/** PUT /api/v1/policy → 200: the new version in force and what it changed. */
export const policyAppliedSchema = policyInForceSchema.extend({ differences: z.array(policyDifferenceSchema) });
