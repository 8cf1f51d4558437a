// GET /api/v1/tools/{slug} — one tool with its grants, observations and incidents.
// PATCH /api/v1/tools/{slug} — change any of its fields but the slug; answers the tool.
import { appRoute } from "@/lib/api/app-route";
import { getTool, updateTool } from "@/lib/api/operations/tools";
import * as catalog from "@/lib/data/catalog";
import * as tools from "@/lib/data/tools";

export const GET = appRoute(getTool, ({ actor, params }) => tools.getTool(actor, params.slug));

export const PATCH = appRoute(updateTool, async ({ actor, params, body }) => {
  await catalog.updateTool(actor, params.slug, body);
  return tools.getTool(actor, params.slug);
});
