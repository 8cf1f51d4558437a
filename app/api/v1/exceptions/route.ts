// GET /api/v1/exceptions — every risk acceptance, newest first, each with its state now.
import { appRoute } from "@/lib/api/app-route";
import { listExceptions } from "@/lib/api/operations/exceptions";
import { listExceptions as list } from "@/lib/data/exceptions";

export const GET = appRoute(listExceptions, async ({ actor, query }) => ({ rows: await list(actor, query) }));
