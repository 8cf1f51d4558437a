// What the API and the pages receive of the findings: computed at request time, never stored.
import { z } from "zod";
import { AUTONOMY_LEVELS, FINDING_RULES, SEVERITIES, type Finding } from "@/lib/policy/types";

export const findingSchema = z.object({
  rule: z.enum(FINDING_RULES),
  severity: z.enum(SEVERITIES),
  tool: z.string().describe("tool slug"),
  environment: z.string().describe("environment name"),
  explanation: z.string(),
  since: z.date().describe("when the breach began"),
}) satisfies z.ZodType<Finding>;

export type FindingDto = z.infer<typeof findingSchema>;

export const findingListSchema = z.object({
  findings: z.array(findingSchema).describe("worst first"),
  total: z.number().int(),
});

export type FindingList = z.infer<typeof findingListSchema>;

/** What a tool's page shows of the policy: its findings and, per environment, what it may do now. */
export const toolPolicySchema = z.object({
  findings: z.array(findingSchema),
  allowed: z.array(
    z.object({
      environment: z.string(),
      allowed: z.enum(AUTONOMY_LEVELS),
      actual: z.enum(AUTONOMY_LEVELS).nullable(),
      gap: z.number().int(),
      ceiling: z.object({ level: z.enum(AUTONOMY_LEVELS), until: z.date(), reason: z.string() }).nullable(),
    }),
  ),
});

export type ToolPolicyDto = z.infer<typeof toolPolicySchema>;
