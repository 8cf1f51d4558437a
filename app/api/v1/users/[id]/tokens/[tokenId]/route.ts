// DELETE /api/v1/users/{id}/tokens/{tokenId} — revoke an API token (admin): it stops working at once.
import { appRoute } from "@/lib/api/app-route";
import { revokeToken } from "@/lib/api/operations/users";
import * as users from "@/lib/data/users";

export const DELETE = appRoute(revokeToken, ({ actor, params }) => users.revokeApiToken(actor, params.id, params.tokenId));
