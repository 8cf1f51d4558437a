// GET /api/v1/findings — computed breaches, worst first; ?tool=&environment=&severity=&rule=
import { apiRoute } from "@/lib/api/handler";
import { listFindings } from "@/lib/data/findings";
import { findingFilterSchema } from "@/lib/validation/findings.validation";

export const GET = apiRoute("register:read", async ({ request, actor }) => {
  const filter = findingFilterSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const findings = await listFindings(actor, filter);
  return { findings, total: findings.length };
});
