// GET /api/v1/environments — by tier then name, paged (?q=&tier=&page=&pageSize=); POST — add an environment.
import { appRoute } from "@/lib/api/app-route";
import { createEnvironment, listEnvironments } from "@/lib/api/operations/catalog";
import * as catalog from "@/lib/data/catalog";

export const GET = appRoute(listEnvironments, ({ actor, query }) => catalog.listEnvironments(actor, query));

export const POST = appRoute(createEnvironment, ({ actor, body }) => catalog.createEnvironment(actor, body));
