// POST /api/v1/incidents/{key}/tools — link a tool with its role (201), or change its role (200). A
// TRIGGERED or CONTRIBUTED link to a recent SEV1/SEV2 caps the tool's autonomy from then on.
import { appRoute } from "@/lib/api/app-route";
import { Reply } from "@/lib/api/operation";
import { linkIncidentTool } from "@/lib/api/operations/incidents";
import { linkIncidentTool as link } from "@/lib/data/incidents";

export const POST = appRoute(linkIncidentTool, async ({ actor, params, body }) => {
  const { created, incident, tool, role } = await link(actor, params.key, body);
  return new Reply({ incident, tool, role }, created ? 201 : 200);
});
