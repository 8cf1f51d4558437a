// GET /api/v1/findings/stats — open findings per day by severity (90 days), mean time to resolve per severity.
import { appRoute } from "@/lib/api/app-route";
import { findingStatistics } from "@/lib/api/operations/findings";
import { findingStats } from "@/lib/data/findings";

export const GET = appRoute(findingStatistics, ({ actor }) => findingStats(actor));
