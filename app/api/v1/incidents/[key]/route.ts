// GET   /api/v1/incidents/{key} — one incident with its linked tools, changes and mitigations
// PATCH /api/v1/incidents/{key} — change some fields; the result is checked like a new incident
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { getIncident, updateIncident } from "@/lib/data/incidents";
import { listMitigations } from "@/lib/data/mitigations";
import { incidentPatchSchema } from "@/lib/validation/incidents.validation";

export const GET = apiRoute<{ key: string }>("register:read", async ({ params, actor }) => {
  const incident = await getIncident(actor, params.key);
  return { ...incident, mitigations: await listMitigations(actor, { incident: incident.key }) };
});

export const PATCH = apiRoute<{ key: string }>("incident:write", async ({ request, params, actor }) =>
  updateIncident(actor, params.key, incidentPatchSchema.parse(await readJson(request))),
);
