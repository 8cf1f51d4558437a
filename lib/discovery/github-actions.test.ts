import { describe, expect, it } from "vitest";
import { isWorkflowPath, scanWorkflow } from "./github-actions";
import { AGENT_ACTIONS, AGENT_COMMANDS, AGENT_JOBS, PERSON_STARTED_EVENTS, TOKEN_PERMISSIONS } from "./rules/github-actions";
import { sortCapabilities } from "./rules/capabilities";
import { fixture, lineOf } from "./test-helpers";

const PATH = ".github/workflows/agent.yml";
const scan = (text: string) => scanWorkflow({ path: PATH, text });

/** A one-job workflow running Claude Code, with the given job lines spliced in. */
function workflow({ on = "pull_request", workflowLines = [] as string[], jobLines = [] as string[], steps = ["      - uses: anthropics/claude-code-action@v1"] } = {}) {
  return ["name: Agent", `on: ${on}`, ...workflowLines, "jobs:", "  agent:", "    runs-on: ubuntu-latest", ...jobLines, "    steps:", ...steps, ""].join("\n");
}

describe("GitHub Actions workflows", () => {
  it("reads a Claude Code workflow shaped like the one its installer writes", () => {
    const file = fixture("workflows/claude.yml", ".github/workflows/claude.yml");
    const result = scanWorkflow(file);
    expect(result.errors).toEqual([]);
    expect(result.accesses).toHaveLength(1);
    const [access] = result.accesses;
    expect(access).toMatchObject({
      connector: "github-actions",
      product: "claude-code",
      refs: ["anthropics/claude-code-action", "claude-code"],
      environmentKeys: [],
      line: lineOf(file.text, "uses: anthropics/claude-code-action"),
      // Comments start it and its token writes, but it has no deployment environment.
      autonomy: "AGENT",
      capabilities: ["repo:read", "repo:write", "pr:create", "logs:read"],
    });
    expect(access.evidence.map((e) => e.line)).toEqual(
      expect.arrayContaining([
        lineOf(file.text, "uses: anthropics/claude-code-action"),
        lineOf(file.text, "contents: write"),
        lineOf(file.text, "pull-requests: write"),
        lineOf(file.text, "actions: read"),
        lineOf(file.text, "on:"),
      ]),
    );
    expect(access.evidence.find((e) => e.line === lineOf(file.text, "contents: write"))?.detail).toContain("job `claude` permissions contents: write");
    // id-token: write reaches whatever cloud role trusts the repository: not guessed, reported.
    expect(result.unknown).toEqual([
      { kind: "permission", value: "id-token: write", file: file.path, line: lineOf(file.text, "id-token: write"), detail: expect.any(String) },
    ]);
  });

  it("takes Copilot coding agent's reach from the vendor, not from its setup job's permissions", () => {
    const file = fixture("workflows/copilot-setup-steps.yml", ".github/workflows/copilot-setup-steps.yml");
    const [access] = scanWorkflow(file).accesses;
    expect(access).toMatchObject({
      product: "github-copilot",
      autonomy: "AGENT",
      capabilities: ["repo:read", "repo:write", "pr:create"],
      environmentKeys: [{ kind: "github-env", value: "copilot", line: lineOf(file.text, "  copilot-setup-steps:") }],
    });
  });

  it("finds an agent run from a shell step, on the line of the command, with the repository's default token", () => {
    const file = fixture("workflows/cursor-docs.yml", ".github/workflows/docs.yml");
    const result = scanWorkflow(file);
    const [access] = result.accesses;
    expect(access.product).toBe("cursor-agent");
    expect(access.line).toBe(lineOf(file.text, "cursor-agent -p"));
    expect(access.environmentKeys).toEqual([{ kind: "github-env", value: "staging", line: lineOf(file.text, "environment: staging") }]);
    // No permissions: anywhere, so the default (write-all in permissive repositories) is assumed and said.
    expect(access.evidence.some((e) => e.detail.includes("sets no permissions:") && e.detail.includes("assumed write-all"))).toBe(true);
    expect(access.capabilities).toEqual(expect.arrayContaining(["repo:write", "pr:create", "ci:run", "deploy:run"]));
    expect(access.autonomy).toBe("AUTONOMOUS");
    // The agent's shell also holds a personal token, which permissions: does not bound.
    expect(result.unknown).toEqual([
      expect.objectContaining({ kind: "token", value: "${{ secrets.DOCS_BOT_PAT }}", line: lineOf(file.text, "GH_TOKEN:") }),
    ]);
  });

  describe("every agent action in the table", () => {
    it.each(AGENT_ACTIONS.map((rule) => [rule.ref, rule]))("%s", (_ref, rule) => {
      const text = workflow({ steps: [`      - uses: ${rule.ref.toUpperCase()}@v1.2.3`] });
      const [access] = scan(text).accesses;
      expect(access.product).toBe(rule.product);
      expect(access.refs).toEqual([rule.ref, rule.product]);
      expect(access.line).toBe(lineOf(text, "uses:"));
    });
  });

  describe("every agent command in the table", () => {
    const samples: Record<string, string> = {
      "claude-code": 'claude -p "Fix the failing test" --allowedTools Edit',
      codex: 'codex exec --full-auto "update the changelog"',
      "gemini-cli": 'gemini -p "triage this issue"',
      "cursor-agent": 'cursor-agent -p "fix lint" --force',
      aider: 'aider --message "add type hints" src/app.py',
      opencode: 'opencode run "review the diff"',
    };
    it.each(AGENT_COMMANDS.map((rule) => [rule.product, rule]))("%s", (product, rule) => {
      expect(samples[product], `add a sample command for ${product}`).toBeDefined();
      const text = workflow({ steps: ["      - run: |", "          npm ci", `          ${samples[product]}`] });
      const [access] = scan(text).accesses;
      expect(access.product).toBe(rule.product);
      expect(access.line).toBe(lineOf(text, samples[product]));
    });
  });

  it.each(AGENT_JOBS.map((rule) => [rule.job, rule]))("every vendor job in the table: %s", (job, rule) => {
    const text = ["on: workflow_dispatch", "jobs:", `  ${job}:`, "    runs-on: ubuntu-latest", "    steps:", "      - run: npm ci", ""].join("\n");
    const [access] = scan(text).accesses;
    expect(access).toMatchObject({ product: rule.product, capabilities: sortCapabilities(rule.capabilities) });
  });

  it("ignores files that name no agent, without parsing them (they cannot grant an AI tool anything)", () => {
    expect(scan("on: push\njobs:\n  build:\n    steps:\n      - uses: actions/checkout@v4\n")).toEqual({ accesses: [], unknown: [], errors: [] });
    expect(scan("on: [push\njobs: {")).toEqual({ accesses: [], unknown: [], errors: [] });
  });

  describe("every token permission in the table", () => {
    it.each(TOKEN_PERMISSIONS.map((row) => [`${row.scope}: ${row.level}`, row]))("%s", (line, row) => {
      const text = workflow({ jobLines: ["    permissions:", `      ${line}`] });
      const result = scan(text);
      expect(result.unknown).toEqual([]);
      expect(result.accesses[0].capabilities).toEqual(sortCapabilities(row.capabilities));
      const evidence = result.accesses[0].evidence.filter((e) => e.line === lineOf(text, line));
      expect(evidence).toHaveLength(row.capabilities.length > 0 ? 1 : 0);
    });
  });

  it("reports a scope or level no rule knows, and none grants nothing", () => {
    const text = workflow({ jobLines: ["    permissions:", "      packages: write", "      contents: none", "      pull-requests: admin"] });
    const result = scan(text);
    expect(result.accesses[0].capabilities).toEqual([]);
    expect(result.unknown.map((u) => [u.value, u.line])).toEqual([
      ["packages: write", lineOf(text, "packages: write")],
      ["pull-requests: admin", lineOf(text, "pull-requests: admin")],
    ]);
  });

  it("reads write-all, read-all and {} and says so in the evidence", () => {
    const writeAll = scan(workflow({ jobLines: ["    permissions: write-all"] })).accesses[0];
    expect(writeAll.capabilities).toEqual(sortCapabilities(TOKEN_PERMISSIONS.flatMap((row) => row.capabilities)));
    expect(writeAll.evidence.some((e) => e.detail.includes("permissions: write-all"))).toBe(true);
    const readAll = scan(workflow({ jobLines: ["    permissions: read-all"] })).accesses[0];
    expect(readAll.capabilities).toEqual(["repo:read", "logs:read"]);
    expect(readAll.autonomy).toBe("SUGGEST");
    const none = scan(workflow({ jobLines: ["    permissions: {}"] })).accesses[0];
    expect(none.capabilities).toEqual([]);
    expect(none.evidence.some((e) => e.detail.includes("permissions: {} leaves the token no access"))).toBe(true);
    expect(scan(workflow({ jobLines: ["    permissions: admin-all"] })).unknown[0].value).toBe("permissions: admin-all");
  });

  it("uses the job's permissions instead of the workflow's, never both", () => {
    const text = workflow({ workflowLines: ["permissions:", "  contents: write", "  actions: write"], jobLines: ["    permissions:", "      contents: read"] });
    expect(scan(text).accesses[0].capabilities).toEqual(["repo:read"]);
    const inherited = workflow({ workflowLines: ["permissions:", "  contents: write"] });
    const access = scan(inherited).accesses[0];
    expect(access.capabilities).toEqual(["repo:read", "repo:write"]);
    expect(access.evidence.find((e) => e.line === lineOf(inherited, "contents: write"))?.detail).toContain("workflow permissions contents: write");
  });

  it("takes the environment from the job's environment:, as a name or a map, and it means deploy:run", () => {
    const text = workflow({ jobLines: ["    environment: production", "    permissions:", "      contents: read"] });
    const access = scan(text).accesses[0];
    expect(access.environmentKeys).toEqual([{ kind: "github-env", value: "production", line: lineOf(text, "environment:") }]);
    expect(access.capabilities).toEqual(["repo:read", "deploy:run"]);
    const mapped = scan(workflow({ jobLines: ["    environment:", "      name: prod-eu", "      url: https://eu.example.com", "    permissions: {}"] })).accesses[0];
    expect(mapped.environmentKeys.map((k) => k.value)).toEqual(["prod-eu"]);
    const dynamic = scan(workflow({ jobLines: ["    environment: ${{ inputs.target }}", "    permissions: {}"] }));
    expect(dynamic.accesses[0].environmentKeys).toEqual([]);
    expect(dynamic.unknown).toEqual([expect.objectContaining({ kind: "environment", value: "${{ inputs.target }}" })]);
  });

  describe("autonomy", () => {
    const cases: [string, string, string[], string][] = [
      ["only reads: SUGGEST", "push", ["    permissions:", "      contents: read", "      pull-requests: write"], "SUGGEST"],
      ["writes, started by an event, no deployment: AGENT", "push", ["    permissions:", "      contents: write"], "AGENT"],
      ["writes and deploys, started by an event: AUTONOMOUS", "schedule", ["    environment: production", "    permissions:", "      contents: write"], "AUTONOMOUS"],
      ["deployments: write is a deployment too", "[push]", ["    permissions:", "      deployments: write"], "AUTONOMOUS"],
      ...PERSON_STARTED_EVENTS.map((e): [string, string, string[], string] => [
        `writes and deploys, started by a person (${e.event}): AGENT`,
        e.event,
        ["    environment: production", "    permissions:", "      contents: write"],
        "AGENT",
      ]),
    ];
    it.each(cases)("%s", (_name, on, jobLines, autonomy) => {
      const access = scan(workflow({ on, jobLines })).accesses[0];
      expect(access.autonomy).toBe(autonomy);
      expect(access.evidence.some((e) => e.detail.includes(`autonomy ${autonomy}`))).toBe(true);
    });

    it("reads the triggers whether on: is a name, a list or a map", () => {
      for (const on of ["workflow_dispatch", "[workflow_dispatch]", "\n  workflow_dispatch:\n    inputs: {}"]) {
        const access = scan(workflow({ on, jobLines: ["    environment: production", "    permissions:", "      contents: write"] })).accesses[0];
        expect(access.autonomy).toBe("AGENT");
      }
    });
  });

  it("reports a token other than the job's own, and never repeats a literal one", () => {
    const steps = [
      "      - uses: anthropics/claude-code-action@v1",
      "        with:",
      "          github_token: ${{ secrets.GITHUB_TOKEN }}",
      "      - uses: openai/codex-action@v1",
      "        with:",
      "          github-token: ${{ github.token }}",
      "      - uses: google-github-actions/run-gemini-cli@v0",
      "        env:",
      "          GITHUB_TOKEN: ${{ secrets.RELEASE_BOT }}",
      "        with:",
      "          token: ghp_literal0123456789",
    ];
    const text = workflow({ jobLines: ["    permissions:", "      contents: read"], steps });
    const result = scan(text);
    expect(result.unknown.map((u) => [u.kind, u.value, u.line])).toEqual([
      ["token", "(a literal token)", lineOf(text, "token: ghp_")],
      ["token", "${{ secrets.RELEASE_BOT }}", lineOf(text, "RELEASE_BOT")],
    ]);
    expect(JSON.stringify(result)).not.toContain("ghp_literal");
  });

  it("gives each product in a job its own access, and merges two steps of the same product", () => {
    const steps = ["      - uses: anthropics/claude-code-action@v1", "      - run: claude -p 'again'", "      - uses: openai/codex-action@v1"];
    const accesses = scan(workflow({ jobLines: ["    permissions:", "      contents: read"], steps })).accesses;
    expect(accesses.map((a) => a.product)).toEqual(["claude-code", "codex"]);
    expect(accesses[0].evidence.filter((e) => e.detail.includes("runs"))).toHaveLength(2);
    expect(accesses[0].refs).toEqual(["anthropics/claude-code-action", "claude-code"]);
  });

  it("follows YAML anchors", () => {
    const text = [
      "on: push",
      "jobs:",
      "  a:",
      "    permissions: &perms",
      "      contents: write",
      "    steps: [{ uses: actions/checkout@v4 }]",
      "  agent:",
      "    permissions: *perms",
      "    steps:",
      "      - uses: anthropics/claude-code-action@v1",
      "",
    ].join("\n");
    expect(scan(text).accesses[0].capabilities).toEqual(["repo:read", "repo:write"]);
  });

  it("reports a file that is not valid YAML with its line, and one that is not a mapping", () => {
    const text = "on: push\njobs:\n  agent:\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with: [unclosed\n";
    const result = scan(text);
    expect(result.accesses).toEqual([]);
    expect(result.errors).toEqual([{ file: PATH, line: expect.any(Number), message: expect.stringContaining("not valid YAML") }]);
    expect(result.errors[0].line).toBeGreaterThanOrEqual(6);
    expect(scan("- uses: anthropics/claude-code-action@v1\n").errors).toEqual([
      { file: PATH, line: 1, message: "not a workflow: the top level is not a mapping" },
    ]);
  });

  it("knows workflow paths", () => {
    expect(isWorkflowPath(".github/workflows/ci.yml")).toBe(true);
    expect(isWorkflowPath("repo/.github/workflows/release.yaml")).toBe(true);
    expect(isWorkflowPath(".github/workflows/sub/ci.yml")).toBe(false);
    expect(isWorkflowPath(".github/dependabot.yml")).toBe(false);
  });
});
