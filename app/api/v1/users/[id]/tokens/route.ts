// POST /api/v1/users/{id}/tokens — issue an API or SCIM token (admin) {name?, scope?}; shown once, stored hashed.
import { appRoute } from "@/lib/api/app-route";
import { issueToken } from "@/lib/api/operations/users";
import * as users from "@/lib/data/users";

export const POST = appRoute(issueToken, ({ actor, params, body }) => users.createApiToken(actor, params.id, body));
