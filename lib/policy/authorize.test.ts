import { describe, expect, it } from "vitest";
import { decideAction, type AuthorizeFacts } from "./authorize";
import { DEFAULT_POLICY } from "./policy";
import { daysAgo, environment, grant, incidentLink, NOW, tool } from "./test-fixtures";
import { addDays } from "./time";

const facts = (overrides: Partial<AuthorizeFacts> = {}): AuthorizeFacts => ({ tool: tool(), environment: environment(), grants: [grant()], links: [], now: NOW, ...overrides });
const codes = (f: AuthorizeFacts, mode: "OFF" | "SUGGEST" | "AGENT" | "AUTONOMOUS" = "AGENT", capabilities: string[] = ["repo:read"]) =>
  decideAction(f, { mode, capabilities }).reasons.map((r) => r.code);

describe("decideAction", () => {
  it("allows what the valid grant allows, and says what that is", () => {
    const decision = decideAction(facts(), { mode: "AGENT", capabilities: ["repo:read", "repo:write"] });
    expect(decision).toEqual({ allowed: true, effectiveAutonomy: "AGENT", grant: { id: "g1", maxAutonomy: "AGENT", expiresAt: null }, ceiling: null, reasons: [] });
    expect(codes(facts(), "SUGGEST", [])).toEqual([]);
  });

  it("refuses without an approved grant, after a revocation and after an expiry, once each", () => {
    expect(codes(facts({ grants: [] }))).toEqual(["NO_VALID_GRANT"]);
    expect(codes(facts({ grants: [grant({ status: "REQUESTED", decidedAt: null })] }))).toEqual(["NO_VALID_GRANT"]);
    expect(codes(facts({ grants: [grant({ status: "REVOKED" })] }), "AUTONOMOUS", ["env:delete"])).toEqual(["GRANT_REVOKED"]);
    const expired = decideAction(facts({ grants: [grant({ expiresAt: daysAgo(1) })] }), { mode: "AGENT", capabilities: [] });
    expect(expired).toMatchObject({ allowed: false, effectiveAutonomy: "OFF", grant: null });
    expect(expired.reasons).toEqual([{ code: "GRANT_EXPIRED", message: "kiro-agent asks to act as AGENT in prod-us-east but its grant there expired on 2025-05-31" }]);
  });

  it("holds the grant valid until the instant it expires, and not at it", () => {
    expect(codes(facts({ grants: [grant({ expiresAt: addDays(NOW, 0.0001) })] }))).toEqual([]);
    expect(codes(facts({ grants: [grant({ expiresAt: NOW })] }))).toEqual(["GRANT_EXPIRED"]);
  });

  it("names each capability the grant does not allow, once", () => {
    const decision = decideAction(facts(), { mode: "AGENT", capabilities: ["repo:read", "env:delete", "infra:apply", "env:delete"] });
    expect(decision.reasons).toEqual([{ code: "CAPABILITY_NOT_GRANTED", message: "kiro-agent asks for env:delete, infra:apply in prod-us-east, which its grant does not allow" }]);
  });

  it("refuses a mode above the grant's", () => {
    expect(decideAction(facts(), { mode: "AUTONOMOUS", capabilities: [] }).reasons).toEqual([
      { code: "MODE_ABOVE_GRANT", message: "kiro-agent asks to act as AUTONOMOUS in prod-us-east but its grant allows AGENT" },
    ]);
  });

  it("caps the grant by incident history while the incident is in the window, and lifts it after", () => {
    const window = DEFAULT_POLICY.ceiling.windowDays;
    const capped = decideAction(facts({ links: [incidentLink()] }), { mode: "AGENT", capabilities: [] });
    expect(capped).toMatchObject({ allowed: false, effectiveAutonomy: "SUGGEST", ceiling: { autonomy: "SUGGEST", until: addDays(daysAgo(10), window), incident: "INC-1" } });
    expect(capped.reasons).toEqual([{ code: "MODE_ABOVE_CEILING", message: expect.stringContaining("but is capped at SUGGEST until") }]);
    expect(codes(facts({ links: [incidentLink()] }), "SUGGEST")).toEqual([]);
    expect(codes(facts({ links: [incidentLink({ startedAt: daysAgo(window) })] }))).toEqual([]);
    expect(codes(facts({ links: [incidentLink()], environment: environment({ tier: "SANDBOX" }) }))).toEqual([]);
  });

  it("stops a suspended or retired tool whatever its grant says, and names every reason at once", () => {
    expect(codes(facts({ tool: tool({ status: "SUSPENDED" }) }))).toEqual(["TOOL_NOT_ACTIVE"]);
    expect(decideAction(facts({ tool: tool({ status: "SUSPENDED" }) }), { mode: "OFF", capabilities: [] })).toMatchObject({ allowed: false, effectiveAutonomy: "OFF" });
    expect(codes(facts({ tool: tool({ status: "RETIRED" }), grants: [] }))).toEqual(["TOOL_NOT_ACTIVE", "NO_VALID_GRANT"]);
    expect(codes(facts({ tool: tool({ status: "PROPOSED" }) }))).toEqual([]);
    expect(codes(facts({ tool: tool({ status: "SUSPENDED" }), links: [incidentLink()] }), "AUTONOMOUS", ["iam:admin"])).toEqual([
      "TOOL_NOT_ACTIVE",
      "CAPABILITY_NOT_GRANTED",
      "MODE_ABOVE_GRANT",
      "MODE_ABOVE_CEILING",
    ]);
  });
});
