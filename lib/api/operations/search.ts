import { defineOperation } from "@/lib/api/operation";
import { searchResultsSchema } from "@/lib/dto/search";
import { searchQuerySchema } from "@/lib/validation/search.validation";

export const search = defineOperation({
  method: "GET",
  path: "/api/v1/search",
  tag: "Search",
  summary: "Find tools, incidents, grants and changes (and people, for admins) by name, slug, key or email: at most `limit` hits of each kind, each with the page that shows it (what the command palette asks)",
  permission: "register:read",
  query: searchQuerySchema,
  response: searchResultsSchema,
});
