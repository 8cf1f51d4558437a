import { describe, expect, it } from "vitest";
import { discoveryRunSchema } from "./discovery.validation";

const evidence = { connector: "github-actions", file: ".github/workflows/a.yml", line: 12, detail: "job `a` permissions contents: write" };
const observation = { connector: "github-actions", tool: "kiro-agent", environment: "staging", autonomy: "AGENT", capabilities: ["repo:write"], evidence: [evidence] };
const run = { scope: "checkout-service", connectors: ["github-actions"], observations: [observation] };

const issues = (value: unknown) => {
  const parsed = discoveryRunSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};

describe("a discovery run's body", () => {
  it("takes a scan's plan, with defaults for what a client may leave out", () => {
    expect(discoveryRunSchema.parse(run)).toEqual({ ...run, filesRead: 0, owners: {}, unknown: [], errors: [] });
  });

  it("trims the scope and refuses an empty one", () => {
    expect(discoveryRunSchema.parse({ ...run, scope: "  repo  " }).scope).toBe("repo");
    expect(issues({ ...run, scope: " " })).toEqual([{ path: "scope", message: "scope is required" }]);
  });

  it("names connectors it does not know, and one named twice", () => {
    expect(issues({ ...run, connectors: ["jenkins"] })[0]).toEqual({ path: "connectors.0", message: expect.stringContaining("github-actions, agent-settings, mcp-config, k8s-rbac") });
    expect(issues({ ...run, connectors: ["github-actions", "github-actions"] })).toEqual([{ path: "connectors", message: "a connector appears twice" }]);
    expect(issues({ ...run, connectors: [], observations: [] })).toEqual([{ path: "connectors", message: "name at least one connector" }]);
  });

  it("refuses an observation of a connector the run does not replace, one twice, and one without evidence", () => {
    expect(issues({ ...run, observations: [{ ...observation, connector: "k8s-rbac" }] })).toContainEqual({
      path: "observations.0.connector",
      message: 'connector "k8s-rbac" is not one of the run\'s connectors',
    });
    expect(issues({ ...run, observations: [{ ...observation, evidence: [{ ...evidence, connector: "mcp-config" }] }] })).toEqual([
      { path: "observations.0.evidence.0.connector", message: "evidence of mcp-config on an observation of github-actions" },
    ]);
    expect(issues({ ...run, observations: [{ ...observation, capabilities: ["repo:write", "repo:write"] }] })).toEqual([{ path: "observations.0.capabilities", message: "a capability appears twice" }]);
    expect(issues({ ...run, observations: [observation, observation] })).toEqual([{ path: "observations.1", message: "kiro-agent in staging appears twice for github-actions" }]);
    expect(issues({ ...run, observations: [{ ...observation, evidence: [] }] })).toEqual([{ path: "observations.0.evidence", message: "an observation needs the statement that grants it" }]);
  });

  it("names a bad autonomy or evidence line", () => {
    expect(issues({ ...run, observations: [{ ...observation, autonomy: "GODMODE" }] })[0].path).toBe("observations.0.autonomy");
    expect(issues({ ...run, observations: [{ ...observation, evidence: [{ ...evidence, line: -1 }] }] })[0].path).toBe("observations.0.evidence.0.line");
    expect(issues({ ...run, observations: [{ ...observation, evidence: [{ ...evidence, line: 1.5 }] }] })[0].path).toBe("observations.0.evidence.0.line");
  });
});
