// PATCH /api/v1/users/{id} — change a person's name, role, seniority or active flag (admin); audited.
import { appRoute } from "@/lib/api/app-route";
import { updateUser } from "@/lib/api/operations/users";
import * as users from "@/lib/data/users";

export const PATCH = appRoute(updateUser, ({ actor, params, body }) => users.updateUser(actor, params.id, body));
