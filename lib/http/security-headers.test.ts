import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, ssoOrigin } from "./security-headers";

describe("the pages' form-action", () => {
  it("admits the identity provider's origin, where the SSO button's form is redirected, and nothing else", () => {
    expect(ssoOrigin("https://login.example.com/realms/eng")).toBe("https://login.example.com");
    expect(ssoOrigin(" http://127.0.0.1:3115 ")).toBe("http://127.0.0.1:3115");
    expect(ssoOrigin(undefined)).toBeNull();
    expect(ssoOrigin("login.example.com")).toBeNull();
    expect(contentSecurityPolicy({ nonce: "n", https: true, dev: false, ssoOrigin: "https://login.example.com" })).toContain("; form-action 'self' https://login.example.com;");
    expect(contentSecurityPolicy({ nonce: "n", https: true, dev: false, ssoOrigin: null })).toContain("; form-action 'self';");
  });
});
