// DELETE /api/v1/users/{id}/tokens/{tokenId} — revoke an API token (admin): it stops working at once.
import { apiRoute } from "@/lib/api/handler";
import { revokeApiToken } from "@/lib/data/users";

export const DELETE = apiRoute<{ id: string; tokenId: string }>("user:admin", async ({ params, actor }) => {
  await revokeApiToken(actor, params.id, params.tokenId);
  return new Response(null, { status: 204 });
});
