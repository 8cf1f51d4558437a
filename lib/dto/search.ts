// What a search of the register answers: hits grouped by kind, each with the page that shows it.
import { z } from "zod";

export const SEARCH_KINDS = ["tool", "incident", "grant", "change", "person"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const searchHitSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string().describe("the tool's slug, the incident's key, the grant's or person's id, the change's external id"),
  title: z.string(),
  detail: z.string().describe("a line that tells hits of the same title apart"),
  href: z.string().describe("the register's page that shows it, from the site's root"),
});
export type SearchHitDto = z.infer<typeof searchHitSchema>;

export const searchGroupSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  label: z.string(),
  hits: z.array(searchHitSchema),
  more: z.boolean().describe("more of this kind match than the limit"),
});
export type SearchGroupDto = z.infer<typeof searchGroupSchema>;

export const searchResultsSchema = z.object({
  q: z.string().describe("the text searched for, trimmed"),
  groups: z.array(searchGroupSchema).describe("only kinds with hits, in this order: tools, incidents, grants, changes, people (people only for roles that manage them)"),
});
export type SearchResultsDto = z.infer<typeof searchResultsSchema>;
