// GET /api/v1/grants/{id} — one grant with its requiredApprovals, progress and decisions.
import { apiRoute } from "@/lib/api/handler";
import { getGrant } from "@/lib/data/grants";

export const GET = apiRoute<{ id: string }>("register:read", ({ params, actor }) => getGrant(actor, params.id));
