// POST /api/v1/policy/preview's answer: what saving a proposed policy would change for the pending
// and approved grants, computed by lib/policy/matrix-preview.ts.
import { z } from "zod";
import type { MatrixPreview } from "@/lib/policy/matrix-preview";
import { SEVERITIES } from "@/lib/policy/types";
import { requiredApprovalsSchema } from "./grants";
import { policyDifferenceSchema } from "./policy";

const requirementChangeSchema = z.object({
  grantId: z.string().describe("the pending grant, at /grants/{grantId}"),
  tool: z.string(),
  environment: z.string(),
  before: requiredApprovalsSchema.describe("what it needs under the policy in force"),
  after: requiredApprovalsSchema.describe("what it would need under the proposed policy"),
  missingAfter: z.array(z.string()).describe("what it would still lack under the proposed policy; empty when the approvals on record would do"),
});

const twoPersonChangeSchema = z.object({
  grantId: z.string().describe("the approved grant in force, at /grants/{grantId}"),
  tool: z.string(),
  environment: z.string(),
  severity: z.enum(SEVERITIES),
  explanation: z.string(),
});

export const policyPreviewSchema = z.object({
  inForce: z.number().int().describe("the version the preview compares against"),
  differences: z.array(policyDifferenceSchema),
  loosens: z.boolean().describe("saving it would make a proposal that a second, senior reviewer must approve"),
  pendingGrants: z.number().int().describe("pending grants considered (requested, not expired)"),
  moreApprovals: z.array(requirementChangeSchema).describe("pending grants that would need more approvals, or a senior one"),
  fewerApprovals: z.array(requirementChangeSchema).describe("pending grants that would need fewer approvals, or no senior one"),
  newTwoPersonFindings: z.array(twoPersonChangeSchema).describe("approved grants that would raise DESTRUCTIVE_WITHOUT_TWO_PERSON"),
  clearedTwoPersonFindings: z.array(twoPersonChangeSchema).describe("approved grants whose DESTRUCTIVE_WITHOUT_TWO_PERSON would clear"),
}) satisfies z.ZodType<MatrixPreview & { inForce: number }>;

export type PolicyPreviewDto = z.infer<typeof policyPreviewSchema>;
