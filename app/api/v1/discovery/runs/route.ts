// GET /api/v1/discovery/runs (newest first, paged) and POST (a scan's observations, one audited sync).
import { appRoute } from "@/lib/api/app-route";
import { Reply } from "@/lib/api/operation";
import { listDiscoveryRuns, recordDiscoveryRun } from "@/lib/api/operations/discovery";
import { listDiscoveryRuns as list, recordDiscoveryRun as record } from "@/lib/data/discovery";

export const GET = appRoute(listDiscoveryRuns, ({ actor, query }) => list(actor, query));

export const POST = appRoute(recordDiscoveryRun, async ({ actor, body }) => {
  const run = await record(actor, body);
  return new Reply(run, 201, { location: `/api/v1/discovery/runs/${run.id}` });
});
