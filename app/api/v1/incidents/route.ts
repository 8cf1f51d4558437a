// GET  /api/v1/incidents — incidents, newest first; ?severity=&status=&genAi=&tool=&q=&sort=&dir=&page=&pageSize=
// POST /api/v1/incidents — record an incident {key, title, severity, startedAt, detectedAt, resolvedAt,
//      genAiContributed, postmortemUrl, status?, summary?, environments?, services?, regions?, customerImpact?}
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createIncident, listIncidentDtos } from "@/lib/data/incidents";
import { incidentInputSchema, parseIncidentListQuery } from "@/lib/validation/incidents.validation";

export const GET = apiRoute("register:read", ({ request, actor }) => listIncidentDtos(actor, parseIncidentListQuery(request.nextUrl.searchParams)));

export const POST = apiRoute("incident:write", async ({ request, actor }) => {
  const incident = await createIncident(actor, incidentInputSchema.parse(await readJson(request)));
  return NextResponse.json(incident, { status: 201, headers: { location: `/api/v1/incidents/${encodeURIComponent(incident.key)}` } });
});
