// GET /api/v1/export/audit.json — the whole audit log, oldest first, with its signed checkpoints and the
// public key: what `npx tsx scripts/verify-audit.ts audit.json --public-key …` checks offline.
import { appRoute } from "@/lib/api/app-route";
import { jsonDownload } from "@/lib/api/export-route";
import { exportAuditLog } from "@/lib/api/operations/export";
import { exportAuditLog as read } from "@/lib/data/audit-chain";

export const GET = appRoute(exportAuditLog, async ({ actor }) => {
  const document = await read(actor);
  return jsonDownload(document, "audit", document.exportedAt);
});
