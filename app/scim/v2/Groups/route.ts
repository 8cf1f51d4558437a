// GET /scim/v2/Groups — groups, filtered (displayName, externalId eq "…") and paged
// POST /scim/v2/Groups — a group; SCIM_GROUP_ROLE_MAP decides whether it gives its members a role
import * as scim from "@/lib/data/scim";
import { scimBaseUrl } from "@/lib/scim/resources";
import { scimRoute } from "@/lib/scim/route";
import { listQuerySchema } from "@/lib/scim/schemas";
import { searchParamsRecord } from "@/lib/validation/paging";

export const GET = scimRoute(async ({ actor, searchParams }) => ({ body: await scim.listScimGroups(actor, listQuerySchema.parse(searchParamsRecord(searchParams))) }));

export const POST = scimRoute(async ({ actor, json }) => {
  const group = await scim.createScimGroup(actor, await json());
  return { status: 201, body: group, location: `${scimBaseUrl()}/Groups/${group.id}` };
});
