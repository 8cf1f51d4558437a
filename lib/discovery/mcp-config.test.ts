import { describe, expect, it } from "vitest";
import { mcpFileRule, scanMcpConfigs } from "./mcp-config";
import { sortCapabilities } from "./rules/capabilities";
import { MCP_FILES, MCP_SERVERS, type McpServerRule } from "./rules/mcp";
import { fixture, lineOf } from "./test-helpers";

const PATH = ".mcp.json";
const scan = (servers: Record<string, unknown>, path = PATH) => scanMcpConfigs([{ path, text: JSON.stringify({ mcpServers: servers }, null, 2) }]);
const one = (server: Record<string, unknown>) => scan({ server });

describe("MCP server configs", () => {
  it("reads a VS Code workspace config (JSONC, `servers`, an image from a registry, a restricting flag)", () => {
    const file = fixture("vscode-mcp.json", ".vscode/mcp.json");
    const result = scanMcpConfigs([file]);
    expect(result.errors).toEqual([]);
    expect(result.unknown).toEqual([]);
    expect(result.accesses.map((a) => [a.product, a.line, a.autonomy, a.capabilities, a.environmentKeys])).toEqual([
      ["github-copilot", lineOf(file.text, '"github": {'), "AGENT", ["repo:read", "repo:write", "pr:create"], []],
      ["github-copilot", lineOf(file.text, '"kubernetes": {'), "SUGGEST", ["secrets:read", "logs:read"], []],
    ]);
    expect(result.accesses[1].evidence[0].detail).toContain("read-only mode");
  });

  it("reads a Cursor config: hosts from connection strings and *_HOST, never their credentials", () => {
    const file = fixture("cursor-mcp.json", ".cursor/mcp.json");
    const result = scanMcpConfigs([file]);
    const [billing, supabase] = result.accesses;
    expect(billing).toMatchObject({
      product: "cursor",
      autonomy: "SUGGEST",
      capabilities: ["db:read-pii"],
      environmentKeys: [{ kind: "host", value: "billing-db.prod-eu-west.example.com", line: lineOf(file.text, "postgresql://") }],
    });
    expect(supabase).toMatchObject({ autonomy: "AGENT", capabilities: ["db:migrate", "db:read-pii"], environmentKeys: [] });
    // The script's server is not one the rules know; the disabled one is not started at all.
    expect(result.unknown).toEqual([
      { kind: "mcp-server", value: "index.js", file: ".cursor/mcp.json", line: lineOf(file.text, '"internal-tools"'), detail: expect.stringContaining("internal-tools") },
    ]);
    expect(result.accesses).toHaveLength(2);
    expect(JSON.stringify(result)).not.toMatch(/s3cr3t|sbp_not/);
  });

  describe("every known server, by each of its packages, images and URLs", () => {
    const forms = (rule: McpServerRule) => [
      ...(rule.packages ?? []).map((pkg) => ({ how: `npx ${pkg}`, server: { command: "npx", args: ["-y", `${pkg}@1.2.3`] } })),
      ...(rule.images ?? []).map((image) => ({ how: `docker ${image}`, server: { command: "docker", args: ["run", "-i", "--rm", "-e", "TOKEN", `registry.example.com/${image}:v1`] } })),
      ...(rule.urls ?? []).map((url) => ({ how: `url ${url}`, server: { type: "http", url: `https://${url}/` } })),
    ];
    const cases = (MCP_SERVERS as readonly McpServerRule[]).flatMap((rule) => forms(rule).map((form) => [`${rule.id}: ${form.how}`, rule, form.server] as const));
    it.each(cases)("%s", (_name, rule, server) => {
      const result = one(server);
      expect(result.unknown).toEqual([]);
      if (rule.capabilities.length === 0) {
        expect(result.accesses).toEqual([]);
      } else {
        expect(result.accesses[0].capabilities).toEqual(sortCapabilities(rule.capabilities));
        expect(result.accesses[0].evidence[0].detail).toContain(rule.reason);
      }
    });
  });

  describe("every restriction of a known server, by each of its forms", () => {
    const cases = (MCP_SERVERS as readonly McpServerRule[]).flatMap((rule) =>
      (rule.restrictions ?? []).flatMap((restriction, index) => {
        const base = rule.packages?.[0] ? { command: "npx", args: ["-y", rule.packages[0]] } : { command: "docker", args: ["run", rule.images![0]] };
        const forms = [
          ...(restriction.args ?? []).map((arg) => ({ ...base, args: [...base.args, arg] })),
          ...Object.entries(restriction.env ?? {}).map(([key, values]) => ({ ...base, env: { [key]: values[0] } })),
          ...(restriction.urls ?? []).map((url) => ({ type: "http", url: `https://${url}` })),
          ...Object.entries(restriction.headers ?? {}).map(([key, values]) => ({ type: "http", url: `https://${rule.urls![0]}/`, headers: { [key.toLowerCase()]: values[0] } })),
        ];
        return forms.map((server, form) => [`${rule.id} restriction ${index + 1}, form ${form + 1}`, restriction.capabilities, server] as const);
      }),
    );
    it.each(cases)("%s", (_name, capabilities, server) => {
      expect(one(server).accesses[0].capabilities).toEqual(sortCapabilities(capabilities));
    });
  });

  it("finds the package behind the launchers people use", () => {
    const capsOf = (server: Record<string, unknown>) => one(server).accesses[0]?.capabilities;
    const github = ["repo:read", "repo:write", "pr:create"];
    expect(capsOf({ command: "npx", args: ["-p", "@modelcontextprotocol/server-github", "mcp-server-github"] })).toEqual(github);
    expect(capsOf({ command: "npx", args: ["--yes", "--package=@modelcontextprotocol/server-github", "mcp-server-github"] })).toEqual(github);
    expect(capsOf({ command: "cmd", args: ["/c", "npx", "-y", "@modelcontextprotocol/server-github"] })).toEqual(github);
    expect(capsOf({ command: "/usr/local/bin/github-mcp-server", args: ["stdio"] })).toEqual(github);
    expect(capsOf({ command: "podman", args: ["run", "-i", "--rm", "--env-file", ".env", "-v", "/tmp:/tmp", "ghcr.io/github/github-mcp-server@sha256:abc"] })).toEqual(github);
    expect(capsOf({ command: "uvx", args: ["--from", "awslabs.aws-api-mcp-server@latest", "awslabs.aws-api-mcp-server"] })).toContain("iam:admin");
    expect(capsOf({ command: "uvx", args: ["awslabs.aws-api-mcp-server==1.0.0"] })).toContain("iam:admin");
  });

  it("takes hosts from the URL, from URLs in args and env, and from *_HOST, skipping placeholders", () => {
    const text = JSON.stringify(
      {
        mcpServers: {
          db: { command: "npx", args: ["-y", "@modelcontextprotocol/server-postgres"], env: { DATABASE_URL: "postgres://u@db.staging.example.com/app", PGHOST: "replica.staging.example.com", OTHER_HOST: "${env:HOST}" } },
          sentry: { type: "http", url: "https://mcp.sentry.dev/mcp" },
        },
      },
      null,
      2,
    );
    const [db, sentry] = scanMcpConfigs([{ path: PATH, text }]).accesses;
    expect(db.environmentKeys.map((k) => [k.value, k.line])).toEqual([
      ["db.staging.example.com", lineOf(text, "DATABASE_URL")],
      ["replica.staging.example.com", lineOf(text, "PGHOST")],
    ]);
    expect(sentry.environmentKeys.map((k) => k.value)).toEqual(["mcp.sentry.dev"]);
  });

  it("reports a server no rule knows, by what it runs", () => {
    expect(one({ command: "npx", args: ["-y", "@acme/mcp-deployer@2"] }).unknown).toEqual([expect.objectContaining({ kind: "mcp-server", value: "@acme/mcp-deployer" })]);
    expect(one({ type: "sse", url: "https://mcp.acme.dev/sse" }).unknown[0].value).toBe("mcp.acme.dev/sse");
    expect(one({ command: "docker", args: ["run", "-i", "acme/ops-mcp:1"] }).unknown[0].value).toBe("acme/ops-mcp");
  });

  it.each(MCP_FILES.map((rule) => [rule.path, rule]))("knows the config file %s and where its servers are", (glob, rule) => {
    const path = `app/${glob.replace("**/", "")}`;
    expect(mcpFileRule(path)).toBe(rule);
    const text = JSON.stringify({ [rule.key]: { pg: { command: "npx", args: ["@modelcontextprotocol/server-postgres"] } } });
    expect(scanMcpConfigs([{ path, text }]).accesses[0].product).toBe(rule.product);
  });

  it("reports a file that is not JSON with its line, and goes on with the others", () => {
    const result = scanMcpConfigs([
      { path: "a/.mcp.json", text: '{\n  "mcpServers": {\n    "x": { "command": "npx" \n' },
      { path: "b/.mcp.json", text: JSON.stringify({ mcpServers: { pg: { command: "npx", args: ["@modelcontextprotocol/server-postgres"] } } }) },
    ]);
    expect(result.errors).toEqual([{ file: "a/.mcp.json", line: expect.any(Number), message: expect.stringContaining("not valid JSON") }]);
    expect(result.errors[0].line).toBeGreaterThanOrEqual(3);
    expect(result.accesses.map((a) => a.file)).toEqual(["b/.mcp.json"]);
  });
});
