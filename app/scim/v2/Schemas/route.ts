// GET /scim/v2/Schemas — the User and Group attributes the register keeps
import { schemas } from "@/lib/scim/resources";
import { scimRoute } from "@/lib/scim/route";

export const GET = scimRoute(async () => ({ body: schemas() }));
