// GET /api/v1/incidents (newest first, filtered and paged) and POST (record one, 201 with its Location).
import { appRoute } from "@/lib/api/app-route";
import { Reply } from "@/lib/api/operation";
import { createIncident, listIncidents } from "@/lib/api/operations/incidents";
import { createIncident as create, listIncidentDtos } from "@/lib/data/incidents";

export const GET = appRoute(listIncidents, ({ actor, query }) => listIncidentDtos(actor, query));

export const POST = appRoute(createIncident, async ({ actor, body }) => {
  const incident = await create(actor, body);
  return new Reply(incident, 201, { location: `/api/v1/incidents/${encodeURIComponent(incident.key)}` });
});
