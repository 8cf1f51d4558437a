// GET /api/v1/reviews — the access review queue: approved grants due for recertification.
import { appRoute } from "@/lib/api/app-route";
import { reviewQueue } from "@/lib/api/operations/access-reviews";
import { reviewQueue as queue } from "@/lib/data/access-reviews";

export const GET = appRoute(reviewQueue, ({ actor, query }) => queue(actor, query));
