import { defineOperation, UNDESCRIBED } from "@/lib/api/operation";
import { pageQuerySchema } from "@/lib/validation/paging";
import { tokenCreateSchema, userCreateSchema, userUpdateSchema } from "@/lib/validation/users.validation";

export const listUsers = defineOperation({ method: "GET", path: "/api/v1/users", tag: "Users", summary: "Everyone with their API tokens (names and dates, never the secrets)", permission: "user:admin", query: pageQuerySchema, response: UNDESCRIBED });

export const createUser = defineOperation({ method: "POST", path: "/api/v1/users", tag: "Users", summary: "Create a user; with a password they can also sign in to the UI", permission: "user:admin", body: userCreateSchema, status: 201, response: UNDESCRIBED });

export const updateUser = defineOperation({ method: "PATCH", path: "/api/v1/users/{id}", tag: "Users", summary: "Change a person's name, role, seniority or active flag; deactivating also stops their tokens", permission: "user:admin", body: userUpdateSchema, response: UNDESCRIBED });

export const issueToken = defineOperation({ method: "POST", path: "/api/v1/users/{id}/tokens", tag: "Users", summary: "Issue an API token for a user: shown once, stored hashed", permission: "user:admin", body: tokenCreateSchema, status: 201, response: UNDESCRIBED });

export const revokeToken = defineOperation({ method: "DELETE", path: "/api/v1/users/{id}/tokens/{tokenId}", tag: "Users", summary: "Revoke an API token: it stops working at once", permission: "user:admin", status: 204, response: null });

export const revokeSessions = defineOperation({ method: "DELETE", path: "/api/v1/users/{id}/sessions", tag: "Users", summary: "Sign a person out everywhere: every browser session of theirs ends at once (API tokens are not touched)", permission: "user:admin", status: 204, response: null });
