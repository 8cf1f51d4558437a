// POST /api/v1/users/resolve — GitHub logins to the register's active people (the deploy gate asks).
import { appRoute } from "@/lib/api/app-route";
import { resolveIdentities } from "@/lib/api/operations/users";
import * as users from "@/lib/data/users";

export const POST = appRoute(resolveIdentities, ({ actor, body }) => users.resolveIdentities(actor, body));
