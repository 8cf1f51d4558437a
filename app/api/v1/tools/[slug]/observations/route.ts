// PUT /api/v1/tools/{slug}/observations — replace what is declared or synced of a tool (inventory sync); discovery's rows stay.
import { appRoute } from "@/lib/api/app-route";
import { replaceObservations } from "@/lib/api/operations/tools";
import * as observations from "@/lib/data/observations";

export const PUT = appRoute(replaceObservations, ({ actor, params, body }) => observations.replaceObservations(actor, params.slug, body));
