// GET, PUT, PATCH, DELETE /scim/v2/Users/{id} — one person; PATCH active false (or DELETE) deactivates
// them and ends their sessions and tokens at once; DELETE also takes them out of SCIM's sight.
import * as scim from "@/lib/data/scim";
import { scimRoute } from "@/lib/scim/route";

export const GET = scimRoute(async ({ actor, params }) => ({ body: await scim.getScimUser(actor, params.id) }));

export const PUT = scimRoute(async ({ actor, params, json }) => ({ body: await scim.replaceScimUser(actor, params.id, await json()) }));

export const PATCH = scimRoute(async ({ actor, params, json }) => ({ body: await scim.patchScimUser(actor, params.id, await json()) }));

export const DELETE = scimRoute(async ({ actor, params }) => {
  await scim.deleteScimUser(actor, params.id);
  return { status: 204 };
});
