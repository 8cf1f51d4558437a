import { defineOperation } from "@/lib/api/operation";
import { certificationResultSchema, reviewQueueSchema } from "@/lib/dto/access-reviews";
import { certificationSchema, reviewQueueQuerySchema } from "@/lib/validation/access-reviews.validation";

export const reviewQueue = defineOperation({
  method: "GET",
  path: "/api/v1/reviews",
  tag: "Access reviews",
  summary: "Approved grants in force due for recertification (per the policy's period for their tier), most overdue first",
  permission: "register:read",
  query: reviewQueueQuerySchema,
  response: reviewQueueSchema,
});

export const certifyGrant = defineOperation({
  method: "POST",
  path: "/api/v1/grants/{id}/certifications",
  tag: "Access reviews",
  summary: "Certify that an approved grant is still needed (reviewers; never its requester); revoke with POST /api/v1/grants/{id}/revoke instead",
  permission: "grant:decide",
  body: certificationSchema,
  status: 201,
  response: certificationResultSchema,
  errors: ["SELF_APPROVAL", "GRANT_NOT_APPROVED"],
});
