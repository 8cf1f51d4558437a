// What the API and the pages receive of the findings: records the evaluator keeps (lib/data/finding-evaluator.ts).
import { z } from "zod";
import { acceptanceSchema } from "./exceptions";
import { pageOf } from "./page";
import { AUTONOMY_LEVELS, FINDING_RULES, SEVERITIES } from "@/lib/policy/types";

export const findingSchema = z.object({
  id: z.string(),
  rule: z.enum(FINDING_RULES),
  severity: z.enum(SEVERITIES).describe("the current severity, or the last one of a resolved finding"),
  tool: z.string().describe("tool slug"),
  environment: z.string().describe("environment name"),
  explanation: z.string(),
  state: z.enum(["OPEN", "RESOLVED"]),
  firstSeenAt: z.date().describe("when the breach began, the first time it was raised"),
  lastSeenAt: z.date().describe("the latest evaluation that found it"),
  resolvedAt: z.date().nullable().describe("null while open"),
  acceptance: acceptanceSchema.nullable().describe("the exception in force for it, if any: an accepted finding leaves the headline counts"),
});

export type FindingDto = z.infer<typeof findingSchema>;

export const findingPageSchema = pageOf(findingSchema);

export const FINDING_TRANSITION_KINDS = ["OPENED", "SEVERITY_CHANGED", "RESOLVED", "REOPENED"] as const;

export const findingTransitionSchema = z.object({
  kind: z.enum(FINDING_TRANSITION_KINDS),
  at: z.date(),
  severity: z.enum(SEVERITIES),
  previousSeverity: z.enum(SEVERITIES).nullable(),
  explanation: z.string(),
});

export type FindingTransitionDto = z.infer<typeof findingTransitionSchema>;

export const findingDetailSchema = findingSchema.extend({
  transitions: z.array(findingTransitionSchema).describe("oldest first"),
});

export type FindingDetailDto = z.infer<typeof findingDetailSchema>;

const perSeverity = <T extends z.ZodType>(value: T) => z.object(Object.fromEntries(SEVERITIES.map((s) => [s, value])) as Record<(typeof SEVERITIES)[number], T>);

export const findingStatsSchema = z.object({
  open: perSeverity(z.number().int()).describe("open findings now"),
  openPerDay: z
    .array(z.object({ day: z.string().describe("YYYY-MM-DD (UTC)") }).extend(perSeverity(z.number().int()).shape))
    .describe("open findings at the end of each of the last 90 days (UTC), oldest first; today counts up to now"),
  meanTimeToResolve: z
    .array(z.object({ severity: z.enum(SEVERITIES), resolved: z.number().int(), meanHours: z.number().nullable() }))
    .describe("per severity at resolution: episodes resolved in the last 90 days and their mean time from opening (or reopening) to resolution"),
});

export type FindingStatsDto = z.infer<typeof findingStatsSchema>;

/** What a tool's page shows of the policy: its open findings and, per environment, what it may do now. */
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

/** How far a full rebuild of the findings has come (after a policy change). */
export interface RebuildProgress {
  judgedTools: number;
  totalTools: number;
}
