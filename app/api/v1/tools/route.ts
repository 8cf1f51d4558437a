// GET /api/v1/tools — the register, with the same filters, sort and pages as the Register screen.
// POST /api/v1/tools — register a tool; 201 with its Location.
import { appRoute } from "@/lib/api/app-route";
import { Reply } from "@/lib/api/operation";
import { createTool, listTools } from "@/lib/api/operations/tools";
import * as catalog from "@/lib/data/catalog";
import * as tools from "@/lib/data/tools";

export const GET = appRoute(listTools, ({ actor, query }) => tools.listTools(actor, query));

export const POST = appRoute(createTool, async ({ actor, body }) => {
  const created = await catalog.createTool(actor, body);
  return new Reply(await tools.getTool(actor, created.slug), 201, { location: `/api/v1/tools/${created.slug}` });
});
