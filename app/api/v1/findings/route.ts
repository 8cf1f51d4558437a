// GET /api/v1/findings — breaches kept as records, worst first, paged; ?state=&since=&tool=&environment=&severity=&rule=
import { appRoute } from "@/lib/api/app-route";
import { listFindings } from "@/lib/api/operations/findings";
import { findingsPage } from "@/lib/data/findings";

export const GET = appRoute(listFindings, ({ actor, query }) => findingsPage(actor, query));
