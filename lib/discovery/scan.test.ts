import { describe, expect, it } from "vitest";
import { EMPTY_CONFIG, type DiscoveryConfig } from "./config";
import { formatReport } from "./report";
import { connectorOfPath, discover, fileKind, planSync } from "./scan";
import type { SourceFile } from "./types";

const config = (overrides: Partial<DiscoveryConfig>): DiscoveryConfig => ({ ...EMPTY_CONFIG, ...overrides });

const agentWorkflow = (permissions: string[], environment = "production") =>
  [
    "on: push",
    "jobs:",
    "  agent:",
    "    runs-on: ubuntu-latest",
    `    environment: ${environment}`,
    "    permissions:",
    ...permissions.map((p) => `      ${p}`),
    "    steps:",
    "      - uses: anthropics/claude-code-action@v1",
    "",
  ].join("\n");

const settings = (mode: string, allow: string[]) => JSON.stringify({ permissions: { defaultMode: mode, allow } }, null, 2);

describe("a scan", () => {
  it("merges one tool × environment found in several files: highest autonomy, union of capabilities, every evidence", () => {
    const files: SourceFile[] = [
      { path: "svc-a/.github/workflows/agent.yml", text: agentWorkflow(["contents: read"], "staging").replace("on: push", "on: workflow_dispatch") },
      { path: "svc-b/.github/workflows/agent.yml", text: agentWorkflow(["contents: write", "actions: write"], "staging") },
      { path: "svc-b/.claude/settings.json", text: settings("acceptEdits", ["Bash(terraform apply:*)"]) },
    ];
    const result = discover(files, config({ tools: { kiro: ["claude-code"] }, environments: { staging: ["github-env:staging", "path:svc-b/.claude/*"] } }));
    expect(result.unknown).toEqual([]);
    expect(result.observations).toHaveLength(1);
    const [observation] = result.observations;
    expect(observation).toMatchObject({
      tool: "kiro",
      environment: "staging",
      autonomy: "AUTONOMOUS",
      capabilities: ["repo:read", "repo:write", "ci:run", "deploy:run", "infra:apply", "logs:read"],
    });
    expect(new Set(observation.evidence.map((e) => e.file))).toEqual(new Set(files.map((f) => f.path)));
    expect(observation.evidence.map((e) => `${e.file}:${String(e.line).padStart(3)}`)).toEqual(
      [...observation.evidence.map((e) => `${e.file}:${String(e.line).padStart(3)}`)].sort(),
    );
  });

  it("maps tools by their most specific ref first, and falls back to the product id", () => {
    const files: SourceFile[] = [
      { path: ".github/workflows/a.yml", text: agentWorkflow(["contents: read"]) },
      { path: ".claude/settings.json", text: settings("plan", []) },
      { path: ".gemini/settings.json", text: "{}" },
    ];
    const mapped = discover(files, config({ tools: { autofix: ["anthropics/claude-code-action"], kiro: ["claude-code"] }, environments: { prod: ["github-env:production", "path:**"] } }));
    expect(mapped.observations.map((o) => o.tool)).toEqual(["autofix", "gemini-cli", "kiro"]);
  });

  it("reports an access whose environment no matcher knows, with the tool and what it holds, instead of guessing", () => {
    const text = agentWorkflow(["contents: write"], "production");
    const result = discover([{ path: ".github/workflows/a.yml", text }], config({ environments: { staging: ["path:**"] } }));
    expect(result.observations).toEqual([]);
    expect(result.unknown).toEqual([
      {
        kind: "environment",
        value: "github-env:production",
        file: ".github/workflows/a.yml",
        line: 5,
        detail: "claude-code (AUTONOMOUS; repo:read, repo:write, deploy:run) matches no environment in the config",
      },
    ]);
    const noConfig = discover([{ path: ".claude/settings.json", text: settings("plan", []) }]);
    expect(noConfig.unknown).toEqual([expect.objectContaining({ kind: "environment", value: "path:.claude/settings.json" })]);
  });

  it("tries environments in the config's order, matching GitHub environments and hosts case-insensitively", () => {
    const files: SourceFile[] = [{ path: ".github/workflows/a.yml", text: agentWorkflow(["contents: read"], "Prod-EU") }];
    const envs = (environments: DiscoveryConfig["environments"]) => discover(files, config({ environments })).observations.map((o) => o.environment);
    expect(envs({ "prod-eu-west": ["github-env:prod-*"], catchall: ["github-env:*"] })).toEqual(["prod-eu-west"]);
    expect(envs({ catchall: ["github-env:*"], "prod-eu-west": ["github-env:prod-*"] })).toEqual(["catchall"]);
  });

  it("renames capabilities to the register's keys", () => {
    const result = discover([{ path: ".github/workflows/a.yml", text: agentWorkflow(["contents: write"]) }], config({ environments: { prod: ["github-env:production"] }, capabilities: { "repo:write": "code:push" } }));
    expect(result.observations[0].capabilities).toEqual(["repo:read", "code:push", "deploy:run"]);
  });

  it("raises an MCP server to AUTONOMOUS when the same project's agent skips every prompt", () => {
    const mcp = JSON.stringify({ mcpServers: { db: { command: "npx", args: ["@modelcontextprotocol/server-postgres", "postgres://db.prod.example.com/app"] } } });
    const cfg = config({ environments: { prod: ["host:*.prod.example.com"], laptop: ["path:**"] } });
    const raised = discover(
      [
        { path: "app/.mcp.json", text: mcp },
        { path: "app/.claude/settings.json", text: settings("bypassPermissions", []) },
      ],
      cfg,
    );
    const prod = raised.observations.find((o) => o.environment === "prod")!;
    expect(prod.autonomy).toBe("AUTONOMOUS");
    expect(prod.evidence.some((e) => e.file === "app/.claude/settings.json" && e.detail.includes("mcp-bypass"))).toBe(true);
    const elsewhere = discover(
      [
        { path: "app/.mcp.json", text: mcp },
        { path: "other/.claude/settings.json", text: settings("bypassPermissions", []) },
      ],
      cfg,
    );
    expect(elsewhere.observations.find((o) => o.environment === "prod")!.autonomy).toBe("SUGGEST");
  });

  describe("removing one permission removes that capability and nothing else", () => {
    const permissions = ["contents: write", "pull-requests: write", "actions: write", "deployments: write"];
    const cfg = config({ environments: { prod: ["github-env:production"] } });
    const before = discover([{ path: ".github/workflows/a.yml", text: agentWorkflow(permissions) }], cfg).observations[0];

    it.each([
      ["pull-requests: write", ["pr:create"]],
      ["actions: write", ["ci:run", "logs:read"]],
      ["deployments: write", []], // the job's environment still deploys
      ["contents: write", ["repo:write"]], // pull-requests: write still reads
    ])("without %s", (removed, lost) => {
      const after = discover([{ path: ".github/workflows/a.yml", text: agentWorkflow(permissions.filter((p) => p !== removed)) }], cfg).observations[0];
      expect(after.capabilities).toEqual(before.capabilities.filter((c) => !lost.includes(c)));
      expect(after.autonomy).toBe(before.autonomy);
      expect(after.tool).toBe(before.tool);
      expect(after.environment).toBe(before.environment);
      const details = (o: typeof before) => o.evidence.map((e) => e.detail);
      expect(details(before).filter((d) => !details(after).includes(d))).toEqual([expect.stringContaining(`permissions ${removed}`)]);
    });
  });

  it("reports parse errors of every source and goes on", () => {
    const result = discover(
      [
        { path: ".github/workflows/bad.yml", text: "on: push\njobs:\n  a:\n    steps:\n      - uses: openai/codex-action@v1\n    permissions: [\n" },
        { path: ".claude/settings.json", text: "{" },
        { path: ".vscode/mcp.json", text: '{ "servers": ' },
        { path: "k8s/rbac.yaml", text: "kind: Role\nrules: [\n" },
        { path: "k8s/ok.yaml", text: "kind: ServiceAccount\nmetadata:\n  name: a\n  annotations:\n    genai-register/tool: x\n---\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: a\n    namespace: default\n" },
      ],
      config({ environments: { any: ["k8s-namespace:*"] } }),
    );
    expect(result.errors.map((e) => e.file)).toEqual([".claude/settings.json", ".github/workflows/bad.yml", ".vscode/mcp.json", "k8s/rbac.yaml"]);
    expect(result.errors.every((e) => e.line >= 1)).toBe(true);
    expect(result.observations.map((o) => o.tool)).toEqual(["x"]);
  });

  it("knows which source reads a file", () => {
    expect(fileKind({ path: ".github/workflows/ci.yml", text: "kind: Role" })).toBe("workflow");
    expect(fileKind({ path: ".claude/settings.local.json", text: "{}" })).toBe("agent-settings");
    expect(fileKind({ path: ".cursor/mcp.json", text: "{}" })).toBe("mcp-config");
    expect(fileKind({ path: "k8s/rbac.yaml", text: "kind: RoleBinding\n" })).toBe("k8s-manifest");
    expect(fileKind({ path: "k8s/app.yaml", text: "kind: Deployment\n" })).toBeUndefined();
    expect(fileKind({ path: "package.json", text: "{}" })).toBeUndefined();
  });

  it("prints a readable report", () => {
    const result = discover([{ path: ".github/workflows/a.yml", text: agentWorkflow(["contents: write", "id-token: write"]) }, { path: ".claude/settings.json", text: "{" }], config({ environments: { prod: ["github-env:production"] } }));
    const report = formatReport(result, 2);
    expect(report).toContain("TOOL         ENVIRONMENT  AUTONOMY    CAPABILITIES");
    expect(report).toContain("claude-code  prod         AUTONOMOUS  repo:read, repo:write, deploy:run");
    expect(report).toContain("  .github/workflows/a.yml:7  job `agent` permissions contents: write");
    expect(report).toContain("Unknown (1)");
    expect(report).toContain("Errors (1)");
    expect(report).toContain("2 files read: 1 observation, 1 unknown, 1 error.");
    expect(formatReport({ observations: [], unknown: [], errors: [] }, 0)).toContain("No AI tool access found.");
  });
});

describe("a sync plan", () => {
  const files: SourceFile[] = [
    { path: ".github/workflows/agent.yml", text: agentWorkflow(["contents: write"], "staging") },
    { path: ".claude/settings.json", text: settings("acceptEdits", ["Bash(kubectl delete:*)"]) },
  ];
  const mapping = config({ tools: { kiro: ["claude-code"] }, environments: { staging: ["github-env:staging", "path:.claude/*"] } });

  it("keeps each connector's observation apart, where the scan merges them", () => {
    const plan = planSync(files, mapping);
    expect(plan.connectors).toEqual(["github-actions", "agent-settings", "mcp-config", "k8s-rbac"]);
    expect(plan.observations.map((o) => [o.connector, o.tool, o.environment, o.autonomy, o.capabilities])).toEqual([
      ["github-actions", "kiro", "staging", "AUTONOMOUS", ["repo:read", "repo:write", "deploy:run"]],
      ["agent-settings", "kiro", "staging", "AGENT", ["env:delete"]],
    ]);
    expect(plan.observations.every((o) => o.evidence.every((e) => e.connector === o.connector))).toBe(true);
    const merged = discover(files, mapping).observations;
    expect(merged).toHaveLength(1);
    expect(merged[0].capabilities).toEqual(expect.arrayContaining(plan.observations.flatMap((o) => o.capabilities)));
  });

  it("leaves out a connector that could not read one of its files, so its earlier rows stay", () => {
    const plan = planSync([...files, { path: ".github/workflows/broken.yml", text: "jobs:\n  a:\n    steps:\n      - uses: openai/codex-action@v1\n    permissions: [\n" }], mapping);
    expect(plan.connectors).toEqual(["agent-settings", "mcp-config", "k8s-rbac"]);
    expect(plan.observations.map((o) => o.connector)).toEqual(["agent-settings"]);
    expect(plan.errors.map((e) => e.file)).toEqual([".github/workflows/broken.yml"]);
    const unreadable = planSync(files, mapping, [{ file: "deploy/rbac.yaml", line: 0, message: "could not be read" }]);
    expect(unreadable.connectors).not.toContain("k8s-rbac");
  });

  it("reports what no config entry maps, as the scan does", () => {
    const plan = planSync(files, config({ tools: { kiro: ["claude-code"] } }));
    expect(plan.observations).toEqual([]);
    expect(plan.unknown.map((u) => u.kind)).toEqual(["environment", "environment"]);
  });

  it("knows the connector of a path", () => {
    expect(connectorOfPath("a/.github/workflows/x.yaml")).toBe("github-actions");
    expect(connectorOfPath(".claude/settings.local.json")).toBe("agent-settings");
    expect(connectorOfPath(".vscode/mcp.json")).toBe("mcp-config");
    expect(connectorOfPath("deploy/rbac.yml")).toBe("k8s-rbac");
    expect(connectorOfPath(".github/workflows")).toBeUndefined();
    expect(connectorOfPath(".")).toBeUndefined();
  });

  it("replaces no connector at all after a directory it could not list", () => {
    const plan = planSync(files, mapping, [{ file: ".github", line: 0, message: "could not be read: EACCES" }]);
    expect(plan.connectors).toEqual([]);
    expect(plan.observations).toEqual([]);
  });
});
