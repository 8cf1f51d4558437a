// POST /api/v1/incidents/{key}/tools — link a tool {tool, role} (TRIGGERED, CONTRIBUTED, INVOLVED), or
// change its role; 201 when linked, 200 when the role changed or was already so. A TRIGGERED or
// CONTRIBUTED link to a recent SEV1/SEV2 caps the tool's autonomy from then on.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { linkIncidentTool } from "@/lib/data/incidents";
import { incidentToolLinkSchema } from "@/lib/validation/incidents.validation";

export const POST = apiRoute<{ key: string }>("incident:write", async ({ request, params, actor }) => {
  const { created, incident, tool, role } = await linkIncidentTool(actor, params.key, incidentToolLinkSchema.parse(await readJson(request)));
  return NextResponse.json({ incident, tool, role }, { status: created ? 201 : 200 });
});
