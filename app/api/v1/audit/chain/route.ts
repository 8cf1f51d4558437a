// GET /api/v1/audit/chain — recompute the hash chain and compare the log with its newest signed
// checkpoint; signs the head when it moved.
import { appRoute } from "@/lib/api/app-route";
import { verifyAuditChain } from "@/lib/api/operations/audit";
import { checkAuditChain } from "@/lib/data/audit-chain";

export const GET = appRoute(verifyAuditChain, ({ actor }) => checkAuditChain(actor));
