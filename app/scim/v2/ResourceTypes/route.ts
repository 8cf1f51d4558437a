// GET /scim/v2/ResourceTypes — User and Group
import { resourceTypes } from "@/lib/scim/resources";
import { scimRoute } from "@/lib/scim/route";

export const GET = scimRoute(async () => ({ body: resourceTypes() }));
