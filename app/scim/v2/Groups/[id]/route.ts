// GET, PUT, PATCH, DELETE /scim/v2/Groups/{id} — one group; membership changes of a mapped group
// change its members' roles, audited.
import * as scim from "@/lib/data/scim";
import { scimRoute } from "@/lib/scim/route";
import { listQuerySchema } from "@/lib/scim/schemas";
import { searchParamsRecord } from "@/lib/validation/paging";

export const GET = scimRoute(async ({ actor, params, searchParams }) => ({ body: await scim.getScimGroup(actor, params.id, listQuerySchema.parse(searchParamsRecord(searchParams))) }));

export const PUT = scimRoute(async ({ actor, params, json }) => ({ body: await scim.replaceScimGroup(actor, params.id, await json()) }));

export const PATCH = scimRoute(async ({ actor, params, json }) => ({ body: await scim.patchScimGroup(actor, params.id, await json()) }));

export const DELETE = scimRoute(async ({ actor, params }) => {
  await scim.deleteScimGroup(actor, params.id);
  return { status: 204 };
});
