// GET /api/v1/export/audit.json — the whole audit log, oldest first, with its signed checkpoints and the
// public key: what `npx tsx scripts/verify-audit.ts audit.json --public-key …` checks offline
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { exportAuditLog } from "@/lib/data/audit-chain";

export const GET = apiRoute("register:read", async ({ actor }) => {
  const document = await exportAuditLog(actor);
  return NextResponse.json(document, {
    headers: { "content-disposition": `attachment; filename="audit-${document.exportedAt.slice(0, 10)}.json"`, "cache-control": "no-store" },
  });
});
