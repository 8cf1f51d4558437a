import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ownerTeamOf, parseDiscoveryConfig } from "./config";
import { matchesGlob } from "./glob";

const problems = (value: unknown) => {
  const parsed = parseDiscoveryConfig(typeof value === "string" ? value : JSON.stringify(value));
  return "problems" in parsed ? parsed.problems : [];
};

describe("the discovery config", () => {
  it("accepts the example config, and an empty one", () => {
    const text = readFileSync(path.join(import.meta.dirname, "../../examples/discovery.config.json"), "utf8");
    const parsed = parseDiscoveryConfig(text);
    expect("config" in parsed && parsed.config.tools["nimbus-autofix"]).toEqual(["anthropics/claude-code-action"]);
    expect(parseDiscoveryConfig("{}")).toEqual({ config: { tools: {}, environments: {}, capabilities: {}, owners: {} } });
  });

  it("lower-cases refs, since action refs and product ids compare case-insensitively", () => {
    const parsed = parseDiscoveryConfig(JSON.stringify({ tools: { kiro: ["Anthropics/Claude-Code-Action"] } }));
    expect("config" in parsed && parsed.config.tools.kiro).toEqual(["anthropics/claude-code-action"]);
  });

  it("names the field of every problem", () => {
    expect(problems("{ not json")).toEqual([{ field: "(config)", message: expect.stringContaining("not valid JSON") }]);
    expect(problems({ environments: { prod: ["github-env:production", "cluster:eu"] } })).toEqual([
      { field: "environments.prod[1]", message: expect.stringContaining("github-env:…, host:…, path:…, k8s-namespace:…") },
    ]);
    expect(problems({ environments: { prod: ["host:"] } })[0].field).toBe("environments.prod[0]");
    expect(problems({ environments: { prod: [] } })).toEqual([{ field: "environments.prod", message: "list at least one matcher" }]);
    expect(problems({ tools: { kiro: "claude-code" } })[0].field).toBe("tools.kiro");
    expect(problems({ tools: { a: ["claude-code"], b: ["codex", "claude-code"] } })).toEqual([{ field: "tools.b[1]", message: '"claude-code" is already mapped to tool "a"' }]);
    expect(problems({ capabilities: { "repo:push": "code:push" } })[0].field).toBe("capabilities.repo:push");
    expect(problems({ tools: {}, owner: {} })).toEqual([{ field: "owner", message: expect.stringContaining("not a config field") }]);
    expect(problems({ owners: { kiro: "" } })[0].field).toBe("owners.kiro");
    expect(problems({ defaultOwner: 7 })[0].field).toBe("defaultOwner");
    expect(problems([])[0].field).toBe("(config)");
  });
});

describe("the owner of a tool the register lacks", () => {
  it("is the config's owner for the slug, else the default owner, else none", () => {
    const parsed = parseDiscoveryConfig(JSON.stringify({ owners: { "kiro-agent": "Platform" }, defaultOwner: "Security" }));
    if (!("config" in parsed)) throw new Error("the config should parse");
    expect(ownerTeamOf(parsed.config, "kiro-agent")).toBe("Platform");
    expect(ownerTeamOf(parsed.config, "codex")).toBe("Security");
    expect(ownerTeamOf({ ...parsed.config, defaultOwner: undefined }, "codex")).toBeUndefined();
  });
});

describe("globs", () => {
  it.each([
    ["**/.claude/*", ".claude/settings.json", true],
    ["**/.claude/*", "a/b/.claude/settings.json", true],
    ["**/.claude/*", ".claude/x/settings.json", false],
    [".github/workflows/*", ".github/workflows/ci.yml", true],
    ["infra/**", "infra/k8s/rbac.yaml", true],
    ["*.yml", "a/b.yml", false],
    ["{prod,production}", "production", true],
    ["deploy-?", "deploy-1", true],
    ["*.example.com", "db.eu.example.com", true],
    ["*.example.com", "example.com", false],
    ["a.b", "axb", false],
  ])("%s matches %s: %s", (glob, value, expected) => {
    expect(matchesGlob(value, glob)).toBe(expected);
  });

  it("ignores case when asked", () => {
    expect(matchesGlob("DB.Example.COM", "*.example.com", { ignoreCase: true })).toBe(true);
    expect(matchesGlob("DB.Example.COM", "*.example.com")).toBe(false);
  });
});
