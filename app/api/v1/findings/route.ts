// GET /api/v1/findings — computed breaches, worst first; ?tool=&environment=&severity=&rule=
import { appRoute } from "@/lib/api/app-route";
import { listFindings } from "@/lib/api/operations/findings";
import { listFindings as list } from "@/lib/data/findings";

export const GET = appRoute(listFindings, async ({ actor, query }) => {
  const findings = await list(actor, query);
  return { findings, total: findings.length };
});
