// POST /api/v1/authorize — the decision point an agent runtime asks before it acts.
import { appRoute } from "@/lib/api/app-route";
import { authorizeAction } from "@/lib/api/operations/authorize";
import { authorizeAction as decide } from "@/lib/data/authorize";

export const POST = appRoute(authorizeAction, ({ actor, body }) => decide(actor, body));
