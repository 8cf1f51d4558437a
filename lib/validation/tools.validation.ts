import { z } from "zod";
import { PAGE_SIZES } from "./paging";
import { TOOL_KINDS, TOOL_STATUSES } from "@/lib/policy/types";

export const TOOL_SORT_KEYS = ["name", "vendor", "kind", "status", "ownerTeam", "updatedAt"] as const;
export type ToolSortKey = (typeof TOOL_SORT_KEYS)[number];

// A multi-value filter arrives as "a,b" in the URL; unknown values are dropped rather than failing
// the page, so an old bookmark still opens.
function multi<T extends string>(values: readonly T[]) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((raw) => {
      const parts = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((v) => v.split(","));
      return parts.filter((v): v is T => (values as readonly string[]).includes(v));
    });
}

export const toolListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: multi(TOOL_STATUSES),
  kind: multi(TOOL_KINDS),
  team: z.string().trim().max(200).optional().catch(undefined),
  environment: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(TOOL_SORT_KEYS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25),
});

export type ToolListQuery = z.infer<typeof toolListQuerySchema>;

export function parseToolListQuery(params: Record<string, string | string[] | undefined> | URLSearchParams): ToolListQuery {
  const record =
    params instanceof URLSearchParams
      ? Object.fromEntries([...params.keys()].map((key) => [key, params.getAll(key).length > 1 ? params.getAll(key) : params.get(key)!]))
      : params;
  return toolListQuerySchema.parse(record);
}
