// PATCH /api/v1/users/{id} — change a person's name, role, seniority or active flag (admin); audited.
// Deactivating someone also stops their API tokens; nobody can deactivate or demote themselves.
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { updateUser } from "@/lib/data/users";
import { userUpdateSchema } from "@/lib/validation/users.validation";

export const PATCH = apiRoute<{ id: string }>("user:admin", async ({ request, params, actor }) => updateUser(actor, params.id, userUpdateSchema.parse(await readJson(request))));
