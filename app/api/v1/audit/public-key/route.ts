// GET /api/v1/audit/public-key — the PEM public key that verifies the audit checkpoints (its key id in
// the X-Audit-Key-Id header); 404 while no signing key is configured.
import { apiRoute } from "@/lib/api/handler";
import { auditPublicKey } from "@/lib/data/audit-chain";

export const GET = apiRoute("register:read", async ({ actor }) => {
  const { keyId, publicKeyPem } = auditPublicKey(actor);
  return new Response(publicKeyPem, {
    headers: {
      "content-type": "application/x-pem-file",
      "content-disposition": 'attachment; filename="audit-public-key.pem"',
      "x-audit-key-id": keyId,
      "cache-control": "no-store",
    },
  });
});
