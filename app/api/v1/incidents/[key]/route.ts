// GET   /api/v1/incidents/{key} — one incident with its linked tools and changes
// PATCH /api/v1/incidents/{key} — change some fields; the result is checked like a new incident
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { getIncident, updateIncident } from "@/lib/data/incidents";
import { incidentPatchSchema } from "@/lib/validation/incidents.validation";

export const GET = apiRoute<{ key: string }>("register:read", ({ params, actor }) => getIncident(actor, params.key));

export const PATCH = apiRoute<{ key: string }>("incident:write", async ({ request, params, actor }) =>
  updateIncident(actor, params.key, incidentPatchSchema.parse(await readJson(request))),
);
