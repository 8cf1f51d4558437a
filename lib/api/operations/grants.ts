import { defineOperation } from "@/lib/api/operation";
import { grantPageSchema, grantSchema } from "@/lib/dto/grants";
import { decisionSchema, grantListQuerySchema, grantRequestSchema, revokeSchema } from "@/lib/validation/grants.validation";

export const listGrants = defineOperation({ method: "GET", path: "/api/v1/grants", tag: "Grants", summary: "List grants with their required approvals", permission: "register:read", query: grantListQuerySchema, response: grantPageSchema });

export const requestGrant = defineOperation({
  method: "POST",
  path: "/api/v1/grants",
  tag: "Grants",
  summary: "Request a grant",
  permission: "grant:request",
  body: grantRequestSchema,
  status: 201,
  response: grantSchema,
  errors: ["UNPROCESSABLE"],
});

export const getGrant = defineOperation({ method: "GET", path: "/api/v1/grants/{id}", tag: "Grants", summary: "One grant with requiredApprovals and its decisions", permission: "register:read", response: grantSchema });

export const decideGrant = defineOperation({
  method: "POST",
  path: "/api/v1/grants/{id}/decisions",
  tag: "Grants",
  summary: "Approve or deny a grant (reviewers; never the requester; once per reviewer)",
  permission: "grant:decide",
  body: decisionSchema,
  status: 201,
  response: grantSchema,
  errors: ["NOT_REVIEWER", "SELF_APPROVAL", "DUPLICATE_DECISION", "GRANT_NOT_PENDING", "GRANT_EXPIRED"],
});

export const revokeGrant = defineOperation({
  method: "POST",
  path: "/api/v1/grants/{id}/revoke",
  tag: "Grants",
  summary: "Revoke an approved grant",
  permission: "grant:revoke",
  body: revokeSchema,
  response: grantSchema,
  errors: ["GRANT_NOT_APPROVED"],
});
