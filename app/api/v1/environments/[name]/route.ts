// GET /api/v1/environments/{name} — one environment; PATCH — change any field but the name.
import { appRoute } from "@/lib/api/app-route";
import { getEnvironment, updateEnvironment } from "@/lib/api/operations/catalog";
import * as catalog from "@/lib/data/catalog";

export const GET = appRoute(getEnvironment, ({ actor, params }) => catalog.getEnvironment(actor, params.name));

export const PATCH = appRoute(updateEnvironment, ({ actor, params, body }) => catalog.updateEnvironment(actor, params.name, body));
