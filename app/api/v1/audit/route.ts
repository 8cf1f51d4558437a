// GET /api/v1/audit — the audit trail, newest first; ?entity=&entityId=&actor=&action=&q=&page=&pageSize=
import { apiRoute } from "@/lib/api/handler";
import { listAuditEvents } from "@/lib/data/audit";
import { auditQuerySchema } from "@/lib/validation/audit.validation";

export const GET = apiRoute("register:read", ({ request, actor }) => listAuditEvents(actor, auditQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))));
