// GET /api/v1/tools and the Register page: filters, search, sort and page. Strict for the API (a bad
// value is a 400 naming the field); the page reads the same schema leniently (lenientQuery).
import { z } from "zod";
import { pageQuerySchema } from "./paging";
import { TOOL_KINDS, TOOL_STATUSES } from "@/lib/policy/types";

export const TOOL_SORT_KEYS = ["name", "vendor", "kind", "status", "ownerTeam", "updatedAt"] as const;
export type ToolSortKey = (typeof TOOL_SORT_KEYS)[number];

// A multi-value filter arrives as "a,b" or repeated (?status=A&status=B); each value must be one of `values`.
function multi<T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((raw) => (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((v) => v.split(",")).filter(Boolean))
    .pipe(z.array(z.enum(values, { error: `${field} must be any of ${values.join(", ")}, separated by commas` })))
    .describe(`any of ${values.join(", ")}, separated by commas`);
}

const text = z.string().trim().max(200).optional();

export const toolListQuerySchema = pageQuerySchema.extend({
  q: text.describe("case-insensitive search in name, slug, vendor and description"),
  status: multi("status", TOOL_STATUSES),
  kind: multi("kind", TOOL_KINDS),
  team: text.describe("the owner team's name"),
  environment: text.describe("an environment's name: tools observed there"),
  sort: z.enum(TOOL_SORT_KEYS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});

export type ToolListQuery = z.infer<typeof toolListQuerySchema>;

/** The Register page's rows per page unless its URL says otherwise. */
export const TOOL_PAGE_DEFAULTS = { pageSize: "25" } as const;
