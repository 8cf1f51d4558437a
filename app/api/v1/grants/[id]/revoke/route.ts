// POST /api/v1/grants/{id}/revoke — withdraw an approved grant in force {reason}.
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { revokeGrant } from "@/lib/data/grants";
import { revokeSchema } from "@/lib/validation/grants.validation";

export const POST = apiRoute<{ id: string }>("grant:revoke", async ({ request, params, actor }) => {
  const { reason } = revokeSchema.parse(await readJson(request));
  return revokeGrant(actor, params.id, reason);
});
