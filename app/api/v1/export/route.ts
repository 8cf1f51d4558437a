// GET /api/v1/export — the whole register as one JSON document, downloaded; like the CSV exports, it
// holds one of the user's export slots while it is read (429 when none is free).
import { appRoute } from "@/lib/api/app-route";
import { jsonDownload } from "@/lib/api/export-route";
import { exportRegister } from "@/lib/api/operations/export";
import { exportRegister as read } from "@/lib/data/export";

export const GET = appRoute(exportRegister, async ({ actor }) => {
  const document = await read(actor);
  return jsonDownload(document, "register", document.exportedAt);
});
