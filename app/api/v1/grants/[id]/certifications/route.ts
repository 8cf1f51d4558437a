// POST /api/v1/grants/{id}/certifications — a reviewer certifies {comment} that the grant is still needed.
import { appRoute } from "@/lib/api/app-route";
import { certifyGrant } from "@/lib/api/operations/access-reviews";
import { certifyGrant as certify } from "@/lib/data/access-reviews";

export const POST = appRoute(certifyGrant, ({ actor, params, body }) => certify(actor, params.id, body));
