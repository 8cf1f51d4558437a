// GET /api/v1/audit/chain — recompute the hash chain: {valid, checked, total} or where it breaks.
import { apiRoute } from "@/lib/api/handler";
import { checkAuditChain } from "@/lib/data/audit";

export const GET = apiRoute("register:read", ({ actor }) => checkAuditChain(actor));
