// DELETE /api/v1/users/{id}/sessions — sign a person out everywhere (admin); their API tokens keep working.
import { appRoute } from "@/lib/api/app-route";
import { revokeSessions } from "@/lib/api/operations/users";
import * as users from "@/lib/data/users";

export const DELETE = appRoute(revokeSessions, ({ actor, params }) => users.revokeSessions(actor, params.id));
