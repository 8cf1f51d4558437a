import { defineOperation } from "@/lib/api/operation";
import { identityResolutionSchema, issuedTokenSchema, userPageSchema, userSchema } from "@/lib/dto/users";
import { pageQuerySchema } from "@/lib/validation/paging";
import { identityResolveSchema, tokenCreateSchema, userCreateSchema, userUpdateSchema } from "@/lib/validation/users.validation";

export const listUsers = defineOperation({ method: "GET", path: "/api/v1/users", tag: "Users", summary: "Everyone with their API tokens (names and dates, never the secrets); active people first", permission: "user:admin", query: pageQuerySchema, response: userPageSchema });

export const createUser = defineOperation({ method: "POST", path: "/api/v1/users", tag: "Users", summary: "Create a user; with a password they can also sign in to the UI (409 when the email exists)", permission: "user:admin", body: userCreateSchema, status: 201, response: userSchema, errors: ["CONFLICT"] });

export const updateUser = defineOperation({ method: "PATCH", path: "/api/v1/users/{id}", tag: "Users", summary: "Change a person's name, role, seniority or active flag; deactivating also stops their tokens (422 on your own account's active flag or admin role)", permission: "user:admin", body: userUpdateSchema, response: userSchema, errors: ["UNPROCESSABLE"] });

export const issueToken = defineOperation({ method: "POST", path: "/api/v1/users/{id}/tokens", tag: "Users", summary: "Issue an API token for a user: shown once, stored hashed; without a body it is named \"api\". Scope SCIM: a token only the SCIM endpoints (/scim/v2) take, for an admin only (422 for a deactivated user, or a SCIM token for someone else)", permission: "user:admin", body: tokenCreateSchema, bodyOptional: true, status: 201, response: issuedTokenSchema, errors: ["UNPROCESSABLE"] });

export const revokeToken = defineOperation({ method: "DELETE", path: "/api/v1/users/{id}/tokens/{tokenId}", tag: "Users", summary: "Revoke an API token: it stops working at once", permission: "user:admin", status: 204, response: null });

export const revokeSessions = defineOperation({ method: "DELETE", path: "/api/v1/users/{id}/sessions", tag: "Users", summary: "Sign a person out everywhere: every browser session of theirs ends at once (API tokens are not touched)", permission: "user:admin", status: 204, response: null });

export const resolveIdentities = defineOperation({ method: "POST", path: "/api/v1/users/resolve", tag: "Users", summary: "Who GitHub logins are in the register (active people only), for the deploy gate's pull-request approvals; any role may ask", permission: "register:read", body: identityResolveSchema, response: identityResolutionSchema });
