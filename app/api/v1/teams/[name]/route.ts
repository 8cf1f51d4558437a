// GET /api/v1/teams/{name} — one team; PATCH — change its description (the name is its address and stays).
import { appRoute } from "@/lib/api/app-route";
import { getTeam, updateTeam } from "@/lib/api/operations/catalog";
import * as catalog from "@/lib/data/catalog";

export const GET = appRoute(getTeam, ({ actor, params }) => catalog.getTeam(actor, params.name));

export const PATCH = appRoute(updateTeam, ({ actor, params, body }) => catalog.updateTeam(actor, params.name, body));
