import { describe, expect, it } from "vitest";
import { OidcConfigError, parseOidcConfig } from "./oidc-config";

const base = { AUTH_OIDC_ISSUER: "https://login.example.com/realms/eng", AUTH_OIDC_CLIENT_ID: "register", AUTH_OIDC_CLIENT_SECRET: "s3cret" };

describe("single sign-on's settings (AUTH_OIDC_*)", () => {
  it("off without an issuer and a client id; blank values count as unset", () => {
    expect(parseOidcConfig({})).toBeNull();
    expect(parseOidcConfig({ AUTH_OIDC_ISSUER: " ", AUTH_OIDC_CLIENT_ID: "", AUTH_OIDC_NAME: "Okta" })).toBeNull();
  });

  it("on with issuer, client id and secret; the label defaults, nobody is created and no role is read", () => {
    expect(parseOidcConfig(base)).toEqual({ issuer: base.AUTH_OIDC_ISSUER, clientId: "register", clientSecret: "s3cret", name: "single sign-on", autoCreate: null, roleClaim: null, roleMap: new Map() });
    expect(parseOidcConfig({ ...base, AUTH_OIDC_NAME: " Okta ", AUTH_OIDC_AUTO_CREATE: "VIEWER" })).toMatchObject({ name: "Okta", autoCreate: "VIEWER" });
  });

  it("AUTH_OIDC_AUTO_CREATE is VIEWER or empty: any other role, or anything else, stops the start with why", () => {
    expect(parseOidcConfig({ ...base, AUTH_OIDC_AUTO_CREATE: "" })?.autoCreate).toBeNull();
    for (const value of ["ADMIN", "SECURITY_REVIEWER", "viewer", "true", "1"]) {
      expect(() => parseOidcConfig({ ...base, AUTH_OIDC_AUTO_CREATE: value })).toThrow(OidcConfigError);
      expect(() => parseOidcConfig({ ...base, AUTH_OIDC_AUTO_CREATE: value })).toThrow(/AUTH_OIDC_AUTO_CREATE must be VIEWER or empty/);
    }
  });

  it("a role claim and a role map come together, the map validated like SCIM's (JSON, known roles, case-blind group names)", () => {
    const config = parseOidcConfig({ ...base, AUTH_OIDC_ROLE_CLAIM: "groups", AUTH_OIDC_ROLE_MAP: '{"Register Admins": "ADMIN", "Reviewers": "SECURITY_REVIEWER"}' });
    expect(config?.roleClaim).toBe("groups");
    expect([...config!.roleMap]).toEqual([
      ["register admins", "ADMIN"],
      ["reviewers", "SECURITY_REVIEWER"],
    ]);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_ROLE_CLAIM: "groups" })).toThrow(/AUTH_OIDC_ROLE_MAP is required with AUTH_OIDC_ROLE_CLAIM/);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_ROLE_MAP: '{"Admins": "ADMIN"}' })).toThrow(/AUTH_OIDC_ROLE_CLAIM is required with AUTH_OIDC_ROLE_MAP/);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_ROLE_CLAIM: "groups", AUTH_OIDC_ROLE_MAP: "{nope" })).toThrow(/AUTH_OIDC_ROLE_MAP is not valid JSON/);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_ROLE_CLAIM: "groups", AUTH_OIDC_ROLE_MAP: '{"Admins": "ROOT"}' })).toThrow(/AUTH_OIDC_ROLE_MAP: each group must map to one of/);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_ROLE_CLAIM: "groups", AUTH_OIDC_ROLE_MAP: "{}" })).toThrow(/maps no group/);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_ROLE_CLAIM: "my groups", AUTH_OIDC_ROLE_MAP: '{"Admins": "ADMIN"}' })).toThrow(/AUTH_OIDC_ROLE_CLAIM must be one claim name/);
  });

  it("the issuer is an https URL (http only on loopback), and the client's id and secret are required", () => {
    expect(parseOidcConfig({ ...base, AUTH_OIDC_ISSUER: "http://127.0.0.1:3115" })?.issuer).toBe("http://127.0.0.1:3115");
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_ISSUER: "http://login.example.com" })).toThrow(/AUTH_OIDC_ISSUER must use https/);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_ISSUER: "login.example.com" })).toThrow(/AUTH_OIDC_ISSUER must be the issuer's URL/);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_CLIENT_ID: "" })).toThrow(/AUTH_OIDC_CLIENT_ID is required/);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_ISSUER: undefined })).toThrow(/AUTH_OIDC_ISSUER is required/);
    expect(() => parseOidcConfig({ ...base, AUTH_OIDC_CLIENT_SECRET: undefined })).toThrow(/AUTH_OIDC_CLIENT_SECRET is required/);
  });

  it("settings for a sign-on that is off are a mistake, not ignored", () => {
    expect(() => parseOidcConfig({ AUTH_OIDC_AUTO_CREATE: "VIEWER" })).toThrow(/AUTH_OIDC_AUTO_CREATE is set, but AUTH_OIDC_ISSUER and AUTH_OIDC_CLIENT_ID are not/);
  });
});
