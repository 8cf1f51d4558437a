// GET /api/v1/incidents/{key} (with its tools, changes and mitigations) and PATCH (some fields).
import { appRoute } from "@/lib/api/app-route";
import { getIncident, updateIncident } from "@/lib/api/operations/incidents";
import { getIncidentDetail, updateIncident as update } from "@/lib/data/incidents";

export const GET = appRoute(getIncident, ({ actor, params }) => getIncidentDetail(actor, params.key));

export const PATCH = appRoute(updateIncident, ({ actor, params, body }) => update(actor, params.key, body));
