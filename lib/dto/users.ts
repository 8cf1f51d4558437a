// People and their API tokens as the API and the People page see them: never a password or a token's hash.
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { TOKEN_SCOPES } from "@/lib/validation/users.validation";
import { pageOf } from "./page";

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  senior: z.boolean(),
  active: z.boolean(),
  canSignIn: z.boolean().describe("has a password, so can sign in to the UI"),
  githubLogin: z.string().nullable().describe("lower-case; the deploy gate maps pull-request approvals through it"),
  createdAt: z.date(),
});
export type UserDto = z.infer<typeof userSchema>;

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES).describe("API: the register's API; SCIM: only /scim/v2"),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable().describe("to the minute; null when never used"),
});
export type TokenDto = z.infer<typeof tokenSchema>;

export const userWithTokensSchema = userSchema.extend({ tokens: z.array(tokenSchema) });
export type UserWithTokensDto = z.infer<typeof userWithTokensSchema>;

export const userPageSchema = pageOf(userWithTokensSchema);

/** A token just issued: the only time its secret is shown. */
export const issuedTokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  token: z.string().describe("the secret; shown once, stored hashed"),
  createdAt: z.date(),
});
export type IssuedTokenDto = z.infer<typeof issuedTokenSchema>;

/** Who the given logins are in the register: active people only, since a departed person's approval counts for nothing. */
export const identityResolutionSchema = z.object({
  people: z.array(z.object({ github: z.string(), email: z.string(), name: z.string(), senior: z.boolean() })),
  unknown: z.array(z.string()).describe("logins of no active person"),
});
export type IdentityResolutionDto = z.infer<typeof identityResolutionSchema>;
