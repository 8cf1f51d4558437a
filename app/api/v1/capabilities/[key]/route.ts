// GET /api/v1/capabilities/{key} — one capability; PATCH — change its class or description (the key stays).
import { appRoute } from "@/lib/api/app-route";
import { getCapability, updateCapability } from "@/lib/api/operations/catalog";
import * as catalog from "@/lib/data/catalog";

export const GET = appRoute(getCapability, ({ actor, params }) => catalog.getCapability(actor, params.key));

export const PATCH = appRoute(updateCapability, ({ actor, params, body }) => catalog.updateCapability(actor, params.key, body));
