// GET /api/v1/tools/{slug} — one tool with its grants, observations and incidents.
// PATCH /api/v1/tools/{slug} — change any of {name, vendor, kind, ownerTeam, status, modes, description}; the slug stays
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { updateTool } from "@/lib/data/catalog";
import { getTool } from "@/lib/data/tools";
import { toolDto } from "@/lib/data/tool-dto";
import { toolUpdateSchema } from "@/lib/validation/catalog.validation";

export const GET = apiRoute<{ slug: string }>("register:read", async ({ params, actor }) => toolDto(await getTool(actor, params.slug)));

export const PATCH = apiRoute<{ slug: string }>("tool:write", async ({ request, params, actor }) => {
  await updateTool(actor, params.slug, toolUpdateSchema.parse(await readJson(request)));
  return toolDto(await getTool(actor, params.slug));
});
