import { z } from "zod";
import type { Policy } from "@/lib/policy/policy";
import { PROPOSAL_DECISIONS } from "@/lib/policy/policy-proposal";
import { AUTONOMY_LEVELS, CAPABILITY_CLASSES, CHANGE_TYPES, DATA_SENSITIVITIES, INCIDENT_SEVERITIES, INCIDENT_TOOL_ROLES, TIERS, type Tier } from "@/lib/policy/types";

const days = (what: string) =>
  z.coerce
    .number({ error: `${what}: a whole number of days.` })
    .int(`${what}: a whole number of days.`)
    .min(1, `${what}: at least 1 day.`)
    .max(3650, `${what}: at most 3650 days.`);
const tier = z.enum(TIERS, { error: `Choose a tier: ${TIERS.join(", ")}.` });

const approvalTrigger = z
  .object({
    tierAtLeast: tier.optional(),
    dataSensitivityIn: z.array(z.enum(DATA_SENSITIVITIES)).min(1).optional(),
    criticalPath: z.literal(true).optional(),
    autonomyAtLeast: z.enum(AUTONOMY_LEVELS).optional(),
    capabilityClassIn: z.array(z.enum(CAPABILITY_CLASSES)).min(1).optional(),
  })
  .strict()
  .refine((trigger) => Object.keys(trigger).length > 0, "A condition needs at least one test (an empty one would match every grant).");

const approvalRequirement = {
  count: z.union([z.literal(1), z.literal(2)], { error: "Approvals: 1 or 2." }),
  seniorRequired: z.boolean(),
};

// The whole policy, as PUT /api/v1/policy and the policy page send it. Every threshold the rules use.
export const policySchema = z
  .object({
    highImpactClasses: z.array(z.enum(CAPABILITY_CLASSES)).min(1, "Name at least one high-impact capability class."),
    approvals: z.object({
      base: z.object(approvalRequirement),
      rows: z.array(z.object({ ...approvalRequirement, when: z.array(approvalTrigger).min(1, "A row needs at least one condition.") })).max(20),
    }),
    ceiling: z.object({
      windowDays: days("Ceiling window"),
      fromTier: tier,
      roles: z.array(z.enum(INCIDENT_TOOL_ROLES)).min(1, "Choose at least one incident role that counts."),
      caps: z.partialRecord(z.enum(INCIDENT_SEVERITIES), z.enum(AUTONOMY_LEVELS)),
    }),
    findings: z.object({
      staleObservationDays: days("Stale observation"),
      unusedGrantDays: days("Unused grant"),
      twoPersonFromTier: tier,
    }),
    // Policies saved before exceptions existed read with the default limit.
    exceptions: z.object({ maxDays: days("Exception limit") }).default({ maxDays: 90 }),
    // Policies saved before access reviews existed read with the default periods.
    reviews: z
      .object({
        periodDays: z.strictObject(Object.fromEntries(TIERS.map((t) => [t, days(`Review period at ${t}`)])) as Record<Tier, ReturnType<typeof days>>),
        graceDays: days("Review grace"),
      })
      .default({ periodDays: { SANDBOX: 180, PRE_PRODUCTION: 180, PRODUCTION: 90, SHARED_PLATFORM: 90, CONTROL_PLANE: 90 }, graceDays: 14 }),
    changes: z.object({
      aiChangeSeniorApproverFromTier: tier,
      twoApproverChangeTypes: z.array(z.enum(CHANGE_TYPES)),
      twoApproversFromTier: tier,
      rollbackPlanFromTier: tier,
    }),
  })
  .strict() satisfies z.ZodType<Policy>;

export const policyUpdateSchema = z.object({
  policy: policySchema,
  note: z.string().trim().min(5, "Say why the policy changes (5 characters or more).").max(1000, "At most 1000 characters."),
  basedOnVersion: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("the version this edit started from; when the policy has moved on since, the save is refused (409) rather than overwriting it"),
});

export type PolicyUpdate = z.infer<typeof policyUpdateSchema>;

// POST /api/v1/policy/preview takes what PUT takes, so a script previews the very body it will save;
// the note may be left out, as nothing is saved.
export const policyPreviewRequestSchema = policyUpdateSchema.extend({ note: policyUpdateSchema.shape.note.optional() });

export type PolicyPreviewRequest = z.infer<typeof policyPreviewRequestSchema>;

export const policyProposalDecisionSchema = z
  .object({
    decision: z.enum(PROPOSAL_DECISIONS, { error: "decision must be APPROVE or REJECT" }),
    comment: z.string().trim().max(2000, "At most 2000 characters.").default(""),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "REJECT" && value.comment.length < 3) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "comment: say why the change is rejected" });
    }
  });

export type PolicyProposalDecisionInput = z.infer<typeof policyProposalDecisionSchema>;
