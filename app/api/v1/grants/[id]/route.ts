// GET /api/v1/grants/{id} — one grant with its requiredApprovals, progress and decisions.
import { appRoute } from "@/lib/api/app-route";
import { getGrant } from "@/lib/api/operations/grants";
import { getGrant as get } from "@/lib/data/grants";

export const GET = appRoute(getGrant, ({ actor, params }) => get(actor, params.id));
