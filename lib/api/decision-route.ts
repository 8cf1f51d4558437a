// POST /api/v1/authorize as a Node request handler: served by the Pages Router on the app's port and,
// for agent runtimes on the hot path, by the decision listener on a port of its own (./decision-listener.ts).
import { authorizeAction } from "@/lib/api/operations/authorize";
import { authorizeAction as decide, prefetchFacts } from "@/lib/data/authorize";
import { bind, nodeRoute } from "./node-route";

export const authorizeRoute = nodeRoute(bind(authorizeAction, ({ actor, body }) => decide(actor, body), prefetchFacts));
