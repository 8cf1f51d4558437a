// GET /scim/v2/Users — people, filtered (userName, externalId, emails.value eq "…") and paged
// POST /scim/v2/Users — provision a person (409 uniqueness on a taken userName or email)
import * as scim from "@/lib/data/scim";
import { scimBaseUrl } from "@/lib/scim/resources";
import { scimRoute } from "@/lib/scim/route";
import { listQuerySchema } from "@/lib/scim/schemas";
import { searchParamsRecord } from "@/lib/validation/paging";

export const GET = scimRoute(async ({ actor, searchParams }) => ({ body: await scim.listScimUsers(actor, listQuerySchema.parse(searchParamsRecord(searchParams))) }));

export const POST = scimRoute(async ({ actor, json }) => {
  const user = await scim.createScimUser(actor, await json());
  return { status: 201, body: user, location: `${scimBaseUrl()}/Users/${user.id}` };
});
