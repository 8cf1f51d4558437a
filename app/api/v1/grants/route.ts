// GET /api/v1/grants — grants, newest first; ?status=&tool=&environment=&sort=&dir=&page=&pageSize=
// POST /api/v1/grants — request a grant {tool, environment, maxAutonomy, capabilities, justification, expiresAt}
import { appRoute } from "@/lib/api/app-route";
import { Reply } from "@/lib/api/operation";
import { listGrants, requestGrant } from "@/lib/api/operations/grants";
import { listGrants as list, requestGrant as request } from "@/lib/data/grants";

export const GET = appRoute(listGrants, ({ actor, query }) => list(actor, query));

export const POST = appRoute(requestGrant, async ({ actor, body }) => {
  const grant = await request(actor, body);
  return new Reply(grant, 201, { location: `/api/v1/grants/${grant.id}` });
});
