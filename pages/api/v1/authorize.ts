// POST /api/v1/authorize — the decision point an agent runtime asks before it acts.
// Served by the Pages Router, like the changes ledger, for its lighter per-request cost: agents ask
// before every action, and the answer's latency is on their critical path (lib/api/node-route.ts).
import { bind, nodeRoute } from "@/lib/api/node-route";
import { authorizeAction } from "@/lib/api/operations/authorize";
import { authorizeAction as decide } from "@/lib/data/authorize";

// The body is read by the route itself (with its own size limit), not by Next's parser.
export const config = { api: { bodyParser: false } };

export default nodeRoute(bind(authorizeAction, ({ actor, body }) => decide(actor, body)));
