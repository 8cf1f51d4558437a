import { z } from "zod";
import { unsafeTextIssue } from "./safe-text";

/** The most hits one kind answers: the palette shows a handful, the API may ask for a few more. */
export const MAX_SEARCH_LIMIT = 20;
/** Longer text names nothing in the register, and every term costs a pattern match. */
export const MAX_SEARCH_LENGTH = 100;

// GET /api/v1/search and the command palette: what to look for, and how many hits of each kind.
export const searchQuerySchema = z.object({
  q: z
    .string({ error: "say what to search for" })
    .trim()
    .min(1, "say what to search for")
    .max(MAX_SEARCH_LENGTH, `at most ${MAX_SEARCH_LENGTH} characters`)
    .superRefine((text, ctx) => {
      const issue = unsafeTextIssue(text);
      if (issue) ctx.addIssue({ code: "custom", message: issue.message });
    })
    .describe("text to find in names, slugs, keys and emails (any case); words separated by spaces must all match a grant"),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(5).describe(`hits per kind, 1–${MAX_SEARCH_LIMIT}`),
});

export type SearchQuery = z.infer<typeof searchQuerySchema>;
