import { z } from "zod";
import { FINDING_RULES, SEVERITIES } from "@/lib/policy/types";
import { pageQuerySchema } from "./paging";

const optionalText = z.string().trim().min(1).max(200).optional();

// GET /api/v1/findings: a bad filter value is a 400 that names the field.
export const findingFilterSchema = z.object({
  tool: optionalText.describe("tool slug"),
  environment: optionalText.describe("environment name"),
  severity: z.enum(SEVERITIES).optional(),
  rule: z.enum(FINDING_RULES).optional(),
});

export type FindingFilter = z.infer<typeof findingFilterSchema>;

export const FINDING_SORT_KEYS = ["severity", "tool", "environment", "rule", "since"] as const;

// The Findings table (its page and its CSV export): the same filters, sorted and paged. The page reads
// it with lenientQuery.
export const findingPageQuerySchema = pageQuerySchema.extend({
  ...findingFilterSchema.shape,
  sort: z.enum(FINDING_SORT_KEYS).default("severity"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});

export type FindingPageQuery = z.infer<typeof findingPageQuerySchema>;
