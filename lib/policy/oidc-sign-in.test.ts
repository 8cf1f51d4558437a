import { describe, expect, it } from "vitest";
import { identityFromClaims, planOidcSignIn, type OidcIdentity, type OidcRules } from "./oidc-sign-in";
import { parseGroupRoleMap } from "./scim-roles";

const matchOnly: OidcRules = { autoCreate: null, roleClaim: null, roleMap: new Map() };
const autoCreate: OidcRules = { ...matchOnly, autoCreate: "VIEWER" };
const mapped: OidcRules = { autoCreate: "VIEWER", roleClaim: "groups", roleMap: parseGroupRoleMap('{"Register admins": "ADMIN", "Reviewers": "SECURITY_REVIEWER"}') };

const identity = (overrides: Partial<OidcIdentity> = {}): OidcIdentity => ({ subject: "sub-1", email: "ada@example.com", emailVerified: true, name: "Ada", groups: null, ...overrides });

describe("reading an ID token's claims", () => {
  it("lower-cases the email, takes string booleans, and a single group as a list", () => {
    expect(identityFromClaims({ sub: "s", email: "Ada@Example.COM", email_verified: "true", name: " Ada ", groups: "Reviewers" }, "groups")).toEqual({
      subject: "s",
      email: "ada@example.com",
      emailVerified: true,
      name: "Ada",
      groups: ["Reviewers"],
    });
  });

  it("an email that is not one, a flag that is not one, or no claim: nothing rather than a guess", () => {
    expect(identityFromClaims({ sub: "s", email: "not an email", email_verified: "yes", groups: [1, 2] }, "groups")).toEqual({ subject: "s", email: null, emailVerified: null, name: null, groups: [] });
    expect(identityFromClaims({ sub: "s", groups: ["Reviewers"] }, null).groups).toBeNull();
    expect(() => identityFromClaims({ email: "ada@example.com" }, null)).toThrow();
  });
});

describe("who enters through single sign-on", () => {
  it("an active person enters with their role; a deactivated one never does", () => {
    expect(planOidcSignIn(identity(), { active: true, role: "PLATFORM_LEAD" }, matchOnly)).toEqual({ outcome: "signed-in", role: "PLATFORM_LEAD" });
    expect(planOidcSignIn(identity({ emailVerified: null }), { active: true, role: "VIEWER" }, matchOnly)).toEqual({ outcome: "signed-in", role: "VIEWER" });
    expect(planOidcSignIn(identity({ groups: ["Register admins"] }), { active: false, role: "VIEWER" }, mapped)).toEqual({ outcome: "refused", reason: "deactivated" });
  });

  it("no email, or one the provider says is unverified: refused", () => {
    expect(planOidcSignIn(identity({ email: null }), null, autoCreate)).toEqual({ outcome: "refused", reason: "email_missing" });
    expect(planOidcSignIn(identity({ emailVerified: false }), { active: true, role: "ADMIN" }, matchOnly)).toEqual({ outcome: "refused", reason: "email_unverified" });
  });

  it("an unknown email: refused, unless auto-create is on and the provider verified it", () => {
    expect(planOidcSignIn(identity(), null, matchOnly)).toEqual({ outcome: "refused", reason: "not_registered" });
    expect(planOidcSignIn(identity(), null, autoCreate)).toEqual({ outcome: "created", role: "VIEWER" });
    expect(planOidcSignIn(identity({ emailVerified: null }), null, autoCreate)).toEqual({ outcome: "refused", reason: "email_unverified" });
  });

  it("with a role claim the mapped groups decide the role, by SCIM's precedence, VIEWER when none is mapped", () => {
    expect(planOidcSignIn(identity({ groups: ["Reviewers", "Register admins"] }), { active: true, role: "VIEWER" }, mapped)).toEqual({ outcome: "signed-in", role: "ADMIN" });
    expect(planOidcSignIn(identity({ groups: ["ADMIN"] }), { active: true, role: "SECURITY_REVIEWER" }, mapped)).toEqual({ outcome: "signed-in", role: "VIEWER" });
    expect(planOidcSignIn(identity({ groups: ["reviewers"] }), null, mapped)).toEqual({ outcome: "created", role: "SECURITY_REVIEWER" });
  });
});
