// GET /api/v1/audit/chain — recompute the hash chain and compare the log with its newest signed
// checkpoint: {valid, checked, total, brokenAt?, reason?, checkpoint: {status, latest, …}}; signs the head when it moved.
import { apiRoute } from "@/lib/api/handler";
import { checkAuditChain } from "@/lib/data/audit-chain";

export const GET = apiRoute("register:read", ({ actor }) => checkAuditChain(actor));
