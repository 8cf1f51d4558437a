import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

// GitHub's own rule for a login: letters, digits and single hyphens, not at either end, at most 39.
// Stored lower-case: GitHub compares logins regardless of case.
export const githubLoginSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38}$/, "githubLogin must be a GitHub login: letters, digits and single hyphens, at most 39")
  .transform((login) => login.toLowerCase());

// POST /api/v1/users. Emails are stored lower-case, as sign-in looks them up.
export const userCreateSchema = z.object({
  email: z.email("email must be a valid email address").max(320).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1, "name is required").max(200),
  role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` }),
  senior: z.boolean({ error: "senior must be true or false" }).default(false),
  password: z.string().min(12, "password must be at least 12 characters").max(200).optional(),
  githubLogin: githubLoginSchema.optional().describe("their GitHub login, so the deploy gate counts their pull-request approvals"),
});

export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const TOKEN_SCOPES = ["API", "SCIM"] as const;

// POST /api/v1/users/{id}/tokens: the body is optional; the name says what the token is for. A SCIM
// token calls only /scim/v2 (an identity provider's provisioning), and only an admin's.
export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(100).default("api"),
  scope: z.enum(TOKEN_SCOPES, { error: `scope must be one of ${TOKEN_SCOPES.join(", ")}` }).default("API").describe("API: the register's API; SCIM: only /scim/v2"),
});

// PATCH /api/v1/users/{id}: what an admin changes about a person; the email is their identity.
export const userUpdateSchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200).optional(),
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` }).optional(),
    senior: z.boolean({ error: "senior must be true or false" }).optional(),
    active: z.boolean({ error: "active must be true or false" }).optional(),
    githubLogin: githubLoginSchema.nullable().optional().describe("null removes it"),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Name at least one of name, role, senior, active, githubLogin.");

// POST /api/v1/users/resolve: external identities to the register's people, for the deploy gate.
export const identityResolveSchema = z.strictObject({
  github: z.array(githubLoginSchema).min(1, "github must name at least one login").max(100),
});
export type TokenCreateInput = z.infer<typeof tokenCreateSchema>;
export type IdentityResolveInput = z.infer<typeof identityResolveSchema>;

export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
