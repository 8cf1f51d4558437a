// GET /api/v1/users — everyone with their API tokens, paged; POST /api/v1/users — create a user (admin).
import { appRoute } from "@/lib/api/app-route";
import { createUser, listUsers } from "@/lib/api/operations/users";
import * as users from "@/lib/data/users";

export const GET = appRoute(listUsers, ({ actor, query }) => users.listUsers(actor, query));

export const POST = appRoute(createUser, ({ actor, body }) => users.createUser(actor, body));
