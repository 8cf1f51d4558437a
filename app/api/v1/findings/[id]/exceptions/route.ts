// GET|POST /api/v1/findings/{id}/exceptions — a finding's risk acceptances; a reviewer accepts it.
import { appRoute } from "@/lib/api/app-route";
import { listFindingExceptions, proposeException } from "@/lib/api/operations/exceptions";
import { findingExceptions, proposeException as propose } from "@/lib/data/exceptions";

export const GET = appRoute(listFindingExceptions, async ({ actor, params }) => ({ rows: await findingExceptions(actor, params.id) }));
export const POST = appRoute(proposeException, ({ actor, params, body }) => propose(actor, params.id, body));
