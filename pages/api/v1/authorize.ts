// POST /api/v1/authorize — the decision point an agent runtime asks before it acts.
// Served by the Pages Router, like the changes ledger, for its lighter per-request cost; the same
// handler answers on the decision listener's own port, without Next.js in the way (lib/api/decision-listener.ts).
import { authorizeRoute } from "@/lib/api/decision-route";

// The body is read by the route itself (with its own size limit), not by Next's parser.
export const config = { api: { bodyParser: false } };

export default authorizeRoute;
