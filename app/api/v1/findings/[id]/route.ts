// GET /api/v1/findings/{id} — one finding with its timeline.
import { appRoute } from "@/lib/api/app-route";
import { getFinding } from "@/lib/api/operations/findings";
import { findingDetail } from "@/lib/data/findings";

export const GET = appRoute(getFinding, ({ actor, params }) => findingDetail(actor, params.id));
