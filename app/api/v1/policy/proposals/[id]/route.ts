// GET /api/v1/policy/proposals/{id} — one proposed policy change: its differences from the version it was based on, status and decision.
import { apiRoute } from "@/lib/api/handler";
import { getPolicyProposal } from "@/lib/data/policy";

export const GET = apiRoute<{ id: string }>("register:read", ({ params, actor }) => getPolicyProposal(actor, params.id));
