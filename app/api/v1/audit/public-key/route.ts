// GET /api/v1/audit/public-key — the PEM public key that verifies the audit checkpoints, its key id
// in the X-Audit-Key-Id header.
import { attachment } from "@/lib/api/csv";
import { appRoute } from "@/lib/api/app-route";
import { getAuditPublicKey } from "@/lib/api/operations/audit";
import { auditPublicKey } from "@/lib/data/audit-chain";

export const GET = appRoute(getAuditPublicKey, async ({ actor }) => {
  const { keyId, publicKeyPem } = auditPublicKey(actor);
  return new Response(publicKeyPem, { headers: { "content-type": "application/x-pem-file", ...attachment("audit-public-key.pem"), "x-audit-key-id": keyId } });
});
