// GET /api/v1/audit — the audit trail, newest first, filtered and paged.
import { appRoute } from "@/lib/api/app-route";
import { listAuditEvents } from "@/lib/api/operations/audit";
import { listAuditEvents as list } from "@/lib/data/audit";

export const GET = appRoute(listAuditEvents, ({ actor, query }) => list(actor, query));
