// GET /api/v1/capabilities — the capability catalog by class then key, paged (?q=&class=&page=&pageSize=); POST — add one.
import { appRoute } from "@/lib/api/app-route";
import { createCapability, listCapabilities } from "@/lib/api/operations/catalog";
import * as catalog from "@/lib/data/catalog";

export const GET = appRoute(listCapabilities, ({ actor, query }) => catalog.listCapabilities(actor, query));

export const POST = appRoute(createCapability, ({ actor, body }) => catalog.createCapability(actor, body));
