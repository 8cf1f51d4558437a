// Who may enter through single sign-on. The identity provider proves who someone is (an ID token
// whose signature, issuer, audience and nonce were checked); the register decides whether they may
// enter: an active person with that email, or, when AUTH_OIDC_AUTO_CREATE=VIEWER, a new viewer for a
// verified email nobody holds yet. A deactivated person stays out: signing in never re-activates.
// With AUTH_OIDC_ROLE_CLAIM the provider's groups decide the role at each sign-in, by the same map
// and precedence as SCIM (lib/policy/scim-roles.ts).
import { z } from "zod";
import type { Role } from "@/lib/auth/permissions";
import { roleFromGroups, type GroupRoleMap } from "./scim-roles";

export const OIDC_REFUSALS = ["email_missing", "email_unverified", "not_registered", "deactivated", "invalid_token"] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

/** What the register reads from the provider's verified claims. */
export interface OidcIdentity {
  subject: string;
  /** Lower-cased; null when the provider sent none, or not an email address. */
  email: string | null;
  /** null: the provider says nothing (Entra ID sends no email_verified). */
  emailVerified: boolean | null;
  name: string | null;
  /** The role claim's values; null when no role claim is configured. */
  groups: string[] | null;
}

export interface OidcRules {
  autoCreate: "VIEWER" | null;
  roleClaim: string | null;
  roleMap: GroupRoleMap;
}

// Some providers send booleans as strings ("true"), and a single group as a string.
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((text) => text === "true")]);
const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.email().max(320).optional().catch(undefined),
  email_verified: flag.optional().catch(undefined),
  name: z.string().trim().min(1).max(200).optional().catch(undefined),
});
const groupsSchema = z.union([z.string().transform((group) => [group]), z.array(z.string())]).catch([]);

/** The identity in verified ID token claims; throws when there is no subject (not an ID token). */
export function identityFromClaims(claims: Record<string, unknown>, roleClaim: string | null): OidcIdentity {
  const parsed = claimsSchema.parse(claims);
  return {
    subject: parsed.sub,
    email: parsed.email?.toLowerCase() ?? null,
    emailVerified: parsed.email_verified ?? null,
    name: parsed.name ?? null,
    // A configured claim the token lacks means no groups: the provider leaves out an empty list.
    groups: roleClaim ? groupsSchema.parse(claims[roleClaim] ?? []) : null,
  };
}

export type OidcSignInPlan =
  | { outcome: "refused"; reason: OidcRefusal }
  /** `role`: what the person holds after this sign-in (their own, or what the role claim now gives). */
  | { outcome: "signed-in"; role: Role }
  | { outcome: "created"; role: Role };

// With a role claim the provider is the source of roles: the highest mapped group, else VIEWER, as
// when SCIM changes a mapped group's members.
function roleFromClaim(identity: OidcIdentity, rules: OidcRules): Role | undefined {
  if (!rules.roleClaim || identity.groups === null) return undefined;
  return roleFromGroups(rules.roleMap, identity.groups) ?? "VIEWER";
}

export function planOidcSignIn(identity: OidcIdentity, person: { active: boolean; role: Role } | null, rules: OidcRules): OidcSignInPlan {
  if (!identity.email) return { outcome: "refused", reason: "email_missing" };
  // An address the provider says it has not verified could be anyone's, a register admin's included.
  if (identity.emailVerified === false) return { outcome: "refused", reason: "email_unverified" };
  if (person) {
    if (!person.active) return { outcome: "refused", reason: "deactivated" };
    return { outcome: "signed-in", role: roleFromClaim(identity, rules) ?? person.role };
  }
  if (rules.autoCreate !== "VIEWER") return { outcome: "refused", reason: "not_registered" };
  // Creating an account takes the provider's explicit word that the address is the person's.
  if (identity.emailVerified !== true) return { outcome: "refused", reason: "email_unverified" };
  return { outcome: "created", role: roleFromClaim(identity, rules) ?? rules.autoCreate };
}
