// The CLI end to end: scripts/scan.ts run as `npm run scan` runs it, on the example repository and on
// small directories made for the case.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ScanResult } from "./types";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

function scan(...args: string[]) {
  const run = spawnSync(TSX, ["scripts/scan.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const temps: string[] = [];
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "scan-cli-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const AGENT = "on: push\njobs:\n  a:\n    permissions:\n      contents: write\n    steps:\n      - uses: anthropics/claude-code-action@v1\n";

describe("npm run scan", { timeout: 60_000 }, () => {
  it("prints exactly one JSON document for the example repository, whose findings make sense for the demo register", () => {
    const run = scan("examples/agent-repo", "--config", "examples/discovery.config.json", "--json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(Object.keys(result)).toEqual(["observations", "unknown", "errors"]);
    expect(result.errors).toEqual([]);
    const byPair = Object.fromEntries(result.observations.map((o) => [`${o.tool} ${o.environment}`, o]));
    expect(Object.keys(byPair).sort()).toEqual([
      "kiro-agent analytics",
      "kiro-agent staging",
      "nimbus-autofix prod-us-east",
      "pager-pal prod-us-east",
      "reviewbot staging",
      "runbook-runner shared-k8s",
      "testsmith staging",
    ]);
    // The agent action with contents: write in GitHub environment production (no grant in the demo register).
    expect(byPair["nimbus-autofix prod-us-east"]).toMatchObject({ autonomy: "AUTONOMOUS", capabilities: ["repo:read", "repo:write", "pr:create", "deploy:run"] });
    expect(byPair["nimbus-autofix prod-us-east"].evidence).toContainEqual({
      connector: "github-actions",
      file: ".github/workflows/autofix.yml",
      line: 17,
      detail: "job `autofix` permissions contents: write (push commits and tags to any unprotected branch): repo:read, repo:write",
    });
    expect(byPair["kiro-agent staging"].capabilities).toEqual(expect.arrayContaining(["env:delete", "infra:apply"]));
    expect(byPair["kiro-agent analytics"].capabilities).toEqual(["db:read-pii"]);
    expect(byPair["runbook-runner shared-k8s"].autonomy).toBe("AUTONOMOUS");
    expect(result.unknown.map((u) => `${u.kind} ${u.value}`)).toEqual(["command Bash(make release)", "permission id-token: write", "environment host:api.githubcopilot.com"]);
    expect(run.stdout).not.toContain("WAREHOUSE_PASSWORD");
  });

  it("prints a table by default", () => {
    const run = scan("examples/agent-repo", "--config", "examples/discovery.config.json");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^TOOL +ENVIRONMENT +AUTONOMY +CAPABILITIES$/m);
    expect(run.stdout).toMatch(/^nimbus-autofix +prod-us-east +AUTONOMOUS +repo:read, repo:write, pr:create, deploy:run$/m);
    expect(run.stdout).toContain("7 files read: 7 observations, 3 unknown, 0 errors.");
  });

  it("exits 2 when a file cannot be parsed, after scanning the rest; skips node_modules and .git", () => {
    const dir = tree({
      ".github/workflows/broken.yml": `${AGENT}        with: [\n`,
      ".github/workflows/agent.yml": AGENT,
      "node_modules/pkg/.github/workflows/agent.yml": AGENT,
      ".git/hooks/.github/workflows/agent.yml": AGENT,
    });
    const run = scan(dir, "--json");
    expect(run.status).toBe(2);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(result.errors).toEqual([{ file: ".github/workflows/broken.yml", line: expect.any(Number), message: expect.stringContaining("not valid YAML") }]);
    // No config, so the working workflow's access is unknown by environment — but it was scanned.
    expect(result.unknown.map((u) => u.file)).toEqual([".github/workflows/agent.yml"]);
  });

  it("follows symbolic links to files and directories, each directory once", () => {
    const dir = tree({ "shared/agent.yml": AGENT });
    mkdirSync(path.join(dir, ".github/workflows"), { recursive: true });
    symlinkSync(path.join(dir, "shared/agent.yml"), path.join(dir, ".github/workflows/linked.yml"));
    symlinkSync(dir, path.join(dir, "shared/loop"));
    const result = JSON.parse(scan(dir, "--json").stdout) as ScanResult;
    expect(result.errors).toEqual([]);
    expect(result.unknown.map((u) => u.file)).toEqual([".github/workflows/linked.yml"]);
  });

  it("prefixes paths with their directory when scanning several", () => {
    const a = tree({ ".github/workflows/agent.yml": AGENT });
    const b = tree({ ".claude/settings.json": '{ "permissions": { "defaultMode": "plan" } }' });
    const result = JSON.parse(scan(a, b, "--json").stdout) as ScanResult;
    expect(result.unknown.map((u) => u.file).sort()).toEqual([`${b}/.claude/settings.json`, `${a}/.github/workflows/agent.yml`].sort());
  });

  it("refuses bad arguments, a register it cannot reach and a bad config, with exit 2 and a reason", () => {
    const unreachable = scan("examples/agent-repo", "--post", "http://127.0.0.1:9", "--token", "t", "--json");
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr).toContain("POST http://127.0.0.1:9/api/v1/discovery/runs failed");
    expect(JSON.parse(unreachable.stdout)).toHaveProperty("observations");
    const noToken = spawnSync(TSX, ["scripts/scan.ts", "examples/agent-repo", "--post", "http://localhost:3000"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, REGISTER_TOKEN: "" } });
    expect(noToken.status).toBe(2);
    expect(noToken.stderr).toContain("--post needs --token");
    expect(scan("examples/agent-repo", "--post", "ftp://x").stderr).toContain("--post must be an http or https URL");
    expect(scan("examples/agent-repo", "examples", "--post", "http://localhost:3000", "--token", "t").stderr).toContain("--scope NAME");
    expect(scan("examples/agent-repo", "--scope", "x").stderr).toContain("--token and --scope go with --post");
    expect(scan("examples/agent-repo", "--fail-on", "HIGH").stderr).toContain("--fail-on is judged on the findings the register reports after --post");
    expect(scan("examples/agent-repo", "--fail-on", "SEVERE").stderr).toContain("--fail-on must be one of LOW, MEDIUM, HIGH, CRITICAL");
    expect(scan().status).toBe(2);
    expect(scan("no/such/dir").stderr).toContain("no/such/dir is not a directory");
    expect(scan("examples/agent-repo", "--verbose").status).toBe(2);
    const config = tree({ "bad.json": JSON.stringify({ environments: { prod: ["cluster:eu"] } }) });
    const bad = scan("examples/agent-repo", "--config", path.join(config, "bad.json"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("environments.prod[0]: must be one of");
  });
});
