// Every list pages the same way, in the API and on the pages: ?page=1&pageSize=50 (pageSize 1–200),
// answered as { rows, total, page, pageSize, pageCount }; a page beyond the last answers the last page.
import { z } from "zod";

export const MAX_PAGE_SIZE = 200;

/** The page sizes a table offers; the API takes any size up to MAX_PAGE_SIZE. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).describe("1-based page number; beyond the last page answers the last page"),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).describe(`rows per page, 1–${MAX_PAGE_SIZE}`),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** A URL's query as a schema reads it: a repeated parameter (?status=A&status=B) as an array. */
export function searchParamsRecord(searchParams: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    record[key] = values.length > 1 ? values : values[0];
  }
  return record;
}

/**
 * A list query read from a page's URL: the API's schema, but a value it refuses is dropped (its
 * default applies) instead of failing the page, so an old bookmark still opens.
 */
export function lenientQuery<S extends z.ZodObject>(schema: S, params: SearchParamsRecord, defaults: SearchParamsRecord = {}): z.output<S> {
  const record: SearchParamsRecord = { ...defaults, ...params };
  for (let remaining = Object.keys(record).length; remaining >= 0; remaining--) {
    const result = schema.safeParse(record);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const key = String(issue.path[0]);
      record[key] = key in defaults && record[key] !== defaults[key] ? defaults[key] : undefined;
    }
  }
  return schema.parse({});
}

/**
 * A filter that may name several values, repeated (?status=A&status=B) or comma-separated
 * (?status=A,B); every value must be one of `values`.
 */
export function multiValue<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((raw) => (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((value) => value.split(",")).filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .describe(`one or more of ${values.join(", ")}: repeated, or comma-separated`);
}

/** A switch in the URL: ?name=1 (or true) turns it on; absent, it is off. */
export const queryFlag = z
  .enum(["1", "true"])
  .optional()
  .transform((value) => value !== undefined);
