// DELETE /api/v1/users/{id}/sessions — sign a person out everywhere (admin): every browser session
// they have ends on its next request; their API tokens keep working. Audited.
import { apiRoute } from "@/lib/api/handler";
import { revokeSessions } from "@/lib/data/users";

export const DELETE = apiRoute<{ id: string }>("user:admin", async ({ params, actor }) => {
  await revokeSessions(actor, params.id);
  return new Response(null, { status: 204 });
});
