// GET /scim/v2/ServiceProviderConfig — what this SCIM service supports (filter and PATCH; no bulk, sort or ETags)
import { serviceProviderConfig } from "@/lib/scim/resources";
import { scimRoute } from "@/lib/scim/route";

export const GET = scimRoute(async () => ({ body: serviceProviderConfig() }));
