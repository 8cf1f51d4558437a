import { z } from "zod";
import { FINDING_RULES, SEVERITIES } from "@/lib/policy/types";
import { PAGE_SIZES } from "./paging";

const optionalText = z.string().trim().min(1).max(200).optional();

// Strict for the API: a bad filter value is a 400 that names the field.
export const findingFilterSchema = z.object({
  tool: optionalText,
  environment: optionalText,
  severity: z.enum(SEVERITIES).optional(),
  rule: z.enum(FINDING_RULES).optional(),
});

export type FindingFilter = z.infer<typeof findingFilterSchema>;

export const FINDING_SORT_KEYS = ["severity", "tool", "environment", "rule", "since"] as const;

// Lenient for the page: an unknown value in an old link falls back rather than failing.
export const findingPageQuerySchema = z.object({
  tool: optionalText.catch(undefined),
  environment: optionalText.catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  rule: z.enum(FINDING_RULES).optional().catch(undefined),
  sort: z.enum(FINDING_SORT_KEYS).catch("severity"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(50),
});

export type FindingPageQuery = z.infer<typeof findingPageQuerySchema>;
