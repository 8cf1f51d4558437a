import { z } from "zod";
import { FINDING_RULES, SEVERITIES } from "@/lib/policy/types";
import { isoInstant } from "./form-fields.validation";
import { pageQuerySchema } from "./paging";

const optionalText = z.string().trim().min(1).max(200).optional();

export const FINDING_STATES = ["open", "resolved", "all"] as const;
export type FindingState = (typeof FINDING_STATES)[number];

// The findings' filters, for the API, the page and the export alike: a bad value is a 400 naming the field.
export const findingFilterSchema = z.object({
  tool: optionalText.describe("tool slug"),
  environment: optionalText.describe("environment name"),
  severity: z.enum(SEVERITIES).optional(),
  rule: z.enum(FINDING_RULES).optional(),
  state: z.enum(FINDING_STATES).default("open").describe("open (the default), resolved, or all"),
  since: isoInstant()
    .optional()
    .describe("ISO 8601 time: only findings opened, reopened, changed in severity or resolved at or after it (to poll for what changed)"),
});

export type FindingFilter = z.input<typeof findingFilterSchema>;

export const FINDING_SORT_KEYS = ["severity", "tool", "environment", "rule", "firstSeenAt"] as const;

// GET /api/v1/findings and the Findings table (its page and its CSV export): the filters, sorted
// and paged. The page reads it with lenientQuery.
export const findingPageQuerySchema = pageQuerySchema.extend({
  ...findingFilterSchema.shape,
  sort: z.enum(FINDING_SORT_KEYS).default("severity"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});

export type FindingPageQuery = z.infer<typeof findingPageQuerySchema>;

export const findingIdSchema = z.uuid({ error: "id: not a finding id" });
