// GET /api/v1/discovery/runs/{id}: one run with its unknowns and errors.
import { appRoute } from "@/lib/api/app-route";
import { getDiscoveryRun } from "@/lib/api/operations/discovery";
import { getDiscoveryRun as get } from "@/lib/data/discovery";

export const GET = appRoute(getDiscoveryRun, ({ actor, params }) => get(actor, params.id));
