import { z } from "zod";
import { AUTONOMY_LEVELS, DECISIONS, GRANT_STATUSES } from "@/lib/policy/types";
import { pageQuerySchema } from "./paging";
import { DATE_RANGE_MESSAGE, isStorableDate } from "./form-fields.validation";

const capabilityList = z
  .array(z.string().trim().min(1, "capability keys cannot be empty").max(100))
  .max(100)
  .default([])
  .refine((keys) => new Set(keys).size === keys.length, "capabilities: each capability once");

// An expiry given as a date alone ("2027-01-31", the form's date input) means the end of that day, UTC.
const expiry = z.preprocess(
  (raw) => (typeof raw === "string" && /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? `${raw.trim()}T23:59:59.999Z` : raw),
  z.coerce
    .date({ error: "expiresAt must be a date (YYYY-MM-DD or an ISO timestamp)" })
    .refine(isStorableDate, DATE_RANGE_MESSAGE)
    .refine((date) => date.getTime() > Date.now(), "expiresAt must be in the future"),
);

// POST /api/v1/grants and the tool page's request form. Tools are addressed by slug, environments by name.
export const grantRequestSchema = z.object({
  tool: z.string().trim().min(1, "tool is required").max(200),
  environment: z.string().trim().min(1, "environment is required").max(200),
  maxAutonomy: z.enum(AUTONOMY_LEVELS, { error: `maxAutonomy must be one of ${AUTONOMY_LEVELS.join(", ")}` }),
  capabilities: capabilityList,
  justification: z.string().trim().min(10, "justification: say why, in at least 10 characters").max(2000),
  expiresAt: expiry,
});

export type GrantRequestInput = z.infer<typeof grantRequestSchema>;

// A denial must say why; an approval may simply approve.
export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS, { error: "decision must be APPROVE or DENY" }),
    comment: z.string().trim().max(2000).default(""),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "DENY" && value.comment.length < 3) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "comment: say why the grant is denied" });
    }
  });

export type GrantDecisionInput = z.infer<typeof decisionSchema>;

export const revokeSchema = z.object({
  reason: z.string().trim().min(3, "reason: say why the grant is revoked").max(2000),
});

export const GRANT_SORT_KEYS = ["createdAt", "tool", "environment", "tier", "status", "expiresAt"] as const;
export type GrantSortKey = (typeof GRANT_SORT_KEYS)[number];

const optionalText = z.string().trim().min(1).max(200).optional();

// GET /api/v1/grants: a bad filter value is a 400 that names the field.
export const grantListQuerySchema = pageQuerySchema.extend({
  status: z.enum(GRANT_STATUSES).optional().describe("the effective status: an approved grant past its expiry is EXPIRED"),
  tool: optionalText.describe("tool slug"),
  environment: optionalText.describe("environment name"),
  capability: optionalText.describe("a capability key the grant includes"),
  sort: z.enum(GRANT_SORT_KEYS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});

export type GrantListQuery = z.infer<typeof grantListQuerySchema>;

// The reviewers' queue (the Grants page and its CSV export): the same query, except that it shows
// the pending requests unless another status (or "ALL") is chosen, oldest first. The page reads it
// with lenientQuery.
export const grantPageQuerySchema = grantListQuerySchema.extend({
  status: z.enum([...GRANT_STATUSES, "ALL"]).default("REQUESTED"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});

export type GrantPageQuery = z.infer<typeof grantPageQuerySchema>;

export function toListQuery(query: GrantPageQuery): GrantListQuery {
  return { ...query, status: query.status === "ALL" ? undefined : query.status };
}

/** The request form's expiry bounds (YYYY-MM-DD): tomorrow at the earliest, 90 days suggested. */
export function expiryBounds(now = new Date()): { minExpiry: string; defaultExpiry: string } {
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return { minExpiry: day(1), defaultExpiry: day(90) };
}
