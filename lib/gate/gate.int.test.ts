// The deploy gate end to end: real git repositories in a temp dir, `npm run gate` as a child process,
// against a real HTTP server whose route handlers are the register's, on a real Postgres.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as checkRoute from "@/app/api/v1/changes/check/route";
import * as resolveRoute from "@/app/api/v1/users/resolve/route";
import changesRoute from "@/pages/api/v1/changes";
import { serveRoutes } from "@/lib/test/app-routes-server";
import { tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

const seeded = withSeededDatabase("deploy_gate");
let server: { origin: string; close: () => Promise<void> };
let token: string;
const temps: string[] = [];

beforeAll(async () => {
  ({ lead: token } = await tokensFor(seeded.db, ["lead"]));
  server = await serveRoutes([
    ["/api/v1/changes/check", checkRoute],
    ["/api/v1/changes", changesRoute],
    ["/api/v1/users/resolve", resolveRoute],
  ]);
});
afterAll(async () => {
  await server?.close();
  temps.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const HUMAN = { name: "Priya Raman", email: "lead@example.com" };

/** A repository whose commits are written as given, each by its author, with its files. */
function repository(commits: { message: string; files: Record<string, string>; author?: { name: string; email: string }; note?: string }[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "gate-repo-"));
  temps.push(dir);
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8" });
  git("init", "-q", "-b", "main");
  for (const commit of commits) {
    for (const [file, text] of Object.entries(commit.files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const author = commit.author ?? HUMAN;
    git("add", "-A");
    execFileSync("git", ["-C", dir, "commit", "-q", "-m", commit.message], {
      env: { ...process.env, GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email },
    });
    if (commit.note) git("notes", "--ref=ai", "add", "-m", commit.note, "HEAD");
  }
  return dir;
}

function gate(repo: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ["scripts/gate.ts", "--repo", repo, "--url", server.origin, "--token", token, ...args],
      { cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, REGISTER_TOKEN: "" } },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const configFile = (config: object) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "gate-config-")), "gate.json");
  temps.push(path.dirname(file));
  writeFileSync(file, JSON.stringify(config));
  return file;
};

// A human's service commit, then Claude Code's migration, then a human's Terraform change.
const schemaRepo = () =>
  repository([
    { message: "Ledger service", files: { "src/ledger.ts": "export const ledger = 1;\n" } },
    {
      message: "Add the balance column\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>",
      files: { "prisma/migrations/0042_balance/migration.sql": "ALTER TABLE ledger ADD COLUMN balance numeric;\n" },
    },
    { message: "Bigger database instance", files: { "infra/db.tf": 'resource "aws_db_instance" "ledger" {}\n' } },
  ]);
const TO_SCHEMA_SAGE = { tools: { "claude-code": "schema-sage" } };
const deployArgs = (config: string) => ["--range", "main~2..main", "--service", "ledger-api", "--environment", "prod-eu-west", "--config", config];

describe("npm run gate", { timeout: 120_000 }, () => {
  it("refuses an AI-assisted schema change to production approved by one junior, naming the senior and the second approver", async () => {
    const run = await gate(schemaRepo(), ...deployArgs(configFile(TO_SCHEMA_SAGE)), "--approvers", "junior-reviewer@example.com");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("range main~2..main: 2 commits, AI_ASSISTED (1 made with an AI tool)");
    expect(run.stdout).toContain('Co-authored-by: Claude <noreply@anthropic.com>; "Generated with Claude Code"');
    expect(run.stdout).toContain("tool: schema-sage (claude-code), mode AGENT");
    expect(run.stdout).toContain("change type: SCHEMA (prisma/migrations/0042_balance/migration.sql");
    expect(run.stdout).toContain("NOT ALLOWED to deploy to prod-eu-west:");
    expect(run.stdout).toContain("AI_CHANGE_WITHOUT_SENIOR_APPROVER: AI_ASSISTED change in prod-eu-west (tier PRODUCTION) has no senior approver");
    expect(run.stdout).toContain("HIGH_IMPACT_CHANGE_WITHOUT_TWO_APPROVERS: SCHEMA change in prod-eu-west (tier PRODUCTION) has 1 distinct approver; two are required");
  });

  it("allows it with two approvers, one senior; --record twice records one change", async () => {
    const repo = schemaRepo();
    const head = execFileSync("git", ["-C", repo, "rev-parse", "main"], { encoding: "utf8" }).trim();
    const approved = [...deployArgs(configFile(TO_SCHEMA_SAGE)), "--approvers", "junior-reviewer@example.com,reviewer@example.com", "--record"];
    const first = await gate(repo, ...approved);
    expect(first.stdout).toContain("ALLOWED to deploy to prod-eu-west.");
    expect(first.stdout).toContain(`Recorded as change ${head}:prod-eu-west.`);
    expect(first.status).toBe(0);
    const again = await gate(repo, ...approved);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`A change ${head}:prod-eu-west is recorded already; not recorded again.`);
    const recorded = await seeded.db.change.findMany({ where: { externalId: `${head}:prod-eu-west` }, include: { tool: true } });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ aiOrigin: "AI_ASSISTED", changeType: "SCHEMA", mode: "AGENT", service: "ledger-api", tool: { slug: "schema-sage" } });
    expect(recorded[0].approvers.sort()).toEqual(["junior-reviewer@example.com", "reviewer@example.com"]);
  });

  it("reads approvals from a pull request's reviews, each reviewer by their latest review", async () => {
    const reviews = path.join(mkdtempSync(path.join(tmpdir(), "reviews-")), "reviews.json");
    temps.push(path.dirname(reviews));
    writeFileSync(
      reviews,
      JSON.stringify([
        { user: { login: "lee-park" }, state: "APPROVED" },
        { user: { login: "Dana-Okafor" }, state: "CHANGES_REQUESTED" },
        { user: { login: "dana-okafor" }, state: "APPROVED" },
        { user: { login: "dana-okafor" }, state: "COMMENTED" },
        { user: { login: "samwhit" }, state: "APPROVED" },
        { user: { login: "samwhit" }, state: "DISMISSED" },
      ]),
    );
    // Logins resolve through the register's people (the demo reviewers carry theirs), whatever their case.
    const run = await gate(schemaRepo(), ...deployArgs(configFile(TO_SCHEMA_SAGE)), "--approvers-file", reviews);
    expect(run.stdout).toContain("approvers: junior-reviewer@example.com, reviewer@example.com");
    expect(run.status).toBe(0);
  });

  it("refuses an approval by a login no active register user carries, unless the config maps it", async () => {
    const reviewsDir = mkdtempSync(path.join(tmpdir(), "reviews-"));
    temps.push(reviewsDir);
    const reviews = path.join(reviewsDir, "reviews.json");
    writeFileSync(reviews, JSON.stringify([{ user: { login: "Lee-Park" }, state: "APPROVED" }, { user: { login: "octocat" }, state: "APPROVED" }]));
    const unknown = await gate(schemaRepo(), ...deployArgs(configFile(TO_SCHEMA_SAGE)), "--approvers-file", reviews);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("approvals by octocat name no active register user");
    const mapped = await gate(schemaRepo(), ...deployArgs(configFile({ ...TO_SCHEMA_SAGE, logins: { OctoCat: "reviewer@example.com" } })), "--approvers-file", reviews);
    expect(mapped.stdout).toContain("approvers: reviewer@example.com, junior-reviewer@example.com");
    expect(mapped.status).toBe(0);

    // A departed reviewer's approval counts for nothing: deactivated, their login resolves to no one.
    await seeded.db.user.update({ where: { email: "junior-reviewer@example.com" }, data: { active: false } });
    try {
      const departed = await gate(schemaRepo(), ...deployArgs(configFile({ ...TO_SCHEMA_SAGE, logins: { octocat: "reviewer@example.com" } })), "--approvers-file", reviews);
      expect(departed.status).toBe(2);
      expect(departed.stderr).toContain("approvals by lee-park name no active register user");
    } finally {
      await seeded.db.user.update({ where: { email: "junior-reviewer@example.com" }, data: { active: true } });
    }
  });

  it("calls a range AI_GENERATED when every commit is an agent's, from its author or a git-ai note, and HUMAN when none is", async () => {
    const agent = repository([
      { message: "Base", files: { "README.md": "x\n" } },
      { message: "Fix flaky test", files: { "src/a.ts": "1\n" }, author: { name: "Cursor Agent", email: "cursoragent@cursor.com" } },
      { message: "Tune retries", files: { "config/app.yaml": "retries: 3\n" }, note: '{"agent":"claude-code","model":"claude-sonnet"}' },
    ]);
    const generated = await gate(agent, "--range", "main~2..main", "--service", "web", "--environment", "staging", "--tool", "kiro-agent");
    expect(generated.stdout).toContain("2 commits, AI_GENERATED (2 made with an AI tool)");
    expect(generated.stdout).toContain("authored by Cursor Agent <cursoragent@cursor.com>");
    expect(generated.stdout).toContain("a git-ai note (refs/notes/ai)");
    expect(generated.stdout).toContain("change type: CONFIG (config/app.yaml");
    const human = await gate(repository([{ message: "Base", files: { "a.txt": "a\n" } }, { message: "Typo", files: { "a.txt": "b\n" } }]), "--range", "main~1..main", "--service", "web", "--environment", "staging");
    expect(human.stdout).toContain("1 commit, HUMAN (0 made with an AI tool)");
    expect(human.stdout).toContain("tool: none");
    expect(human.status).toBe(0);
  });

  it("judges only what the range changed since its base, and asks for --tool when its commits name two tools", async () => {
    const repo = schemaRepo();
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" });
    // main moves on with a migration of its own after the branch left it.
    git("checkout", "-q", "-b", "feature", "main~1");
    writeFileSync(path.join(repo, "README.md"), "docs\n");
    git("add", "-A");
    git("commit", "-q", "-m", "Docs\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>");
    const docsOnly = await gate(repo, "--range", "main..feature", "--service", "web", "--environment", "staging", "--tool", "quill-complete");
    expect(docsOnly.stdout).toContain("change type: CODE");
    const twoTools = await gate(repo, "--range", "main~2..feature", "--service", "web", "--environment", "staging");
    expect(twoTools.status).toBe(2);
    expect(twoTools.stderr).toContain("the range's commits name claude-code and copilot");
  });

  it("exits 2 on a usage, git or register error, with the reason", async () => {
    const repo = schemaRepo();
    const badRange = await gate(repo, "--range", "nope..main", "--service", "s", "--environment", "staging");
    expect(badRange.status).toBe(2);
    expect(badRange.stderr).toContain("git rev-parse");
    expect((await gate(repo, "--range", "main~1..main..x", "--service", "s", "--environment", "staging")).stderr).toContain("--range must be BASE..HEAD");
    expect((await gate(repo, "--range", "main", "--service", "s", "--environment", "staging")).stderr).toContain("--range must be BASE..HEAD");
    expect((await gate(repo, "--range=--output=/tmp/x..main", "--service", "s", "--environment", "staging")).stderr).toContain("--range must be BASE..HEAD");
    expect((await gate(repo, "--range", "main~1..main", "--environment", "staging")).stderr).toContain("--service is required");
    const unknownTool = await gate(repo, ...deployArgs(configFile({})), "--approvers", "reviewer@example.com");
    expect(unknownTool.status).toBe(2);
    expect(unknownTool.stderr).toContain("answered 422");
    expect(unknownTool.stderr).toContain('unknown tool "claude-code"');
  });
});
