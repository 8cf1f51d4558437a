// Discovery end to end: `npm run scan -- … --post` run as a child process against a real HTTP server
// whose route handlers are the register's, on a real Postgres seeded with the demo register.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as runRoute from "@/app/api/v1/discovery/runs/[id]/route";
import * as runsRoute from "@/app/api/v1/discovery/runs/route";
import * as findingsRoute from "@/app/api/v1/findings/route";
import * as observationsRoute from "@/app/api/v1/tools/[slug]/observations/route";
import { serveRoutes } from "@/lib/test/app-routes-server";
import { callRoute } from "@/lib/test/route-client";
import { tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const EXAMPLE = path.join(ROOT, "examples/agent-repo");
const CONFIG = path.join(ROOT, "examples/discovery.config.json");

const seeded = withSeededDatabase("discovery_sync");
let server: { origin: string; close: () => Promise<void> };
let tokens: Record<"lead" | "viewer", string>;
const temps: string[] = [];

beforeAll(async () => {
  tokens = await tokensFor(seeded.db, ["lead", "viewer"]);
  server = await serveRoutes([
    ["/api/v1/discovery/runs", runsRoute],
    ["/api/v1/discovery/runs/{id}", runRoute],
    ["/api/v1/findings", findingsRoute],
  ]);
});
afterAll(async () => {
  await server?.close();
  temps.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** The scan as CI runs it; asynchronous, so the server in this process can answer it. */
function scan(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, ["scripts/scan.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, REGISTER_TOKEN: "" } }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const post = (dir: string, ...more: string[]) => scan(dir, "--config", CONFIG, "--post", server.origin, "--token", tokens.lead, "--scope", "agent-repo", ...more);

/** A copy of the example repository to edit. */
function exampleCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-repo-"));
  temps.push(dir);
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

async function rowsOf(slug: string) {
  return seeded.db.observation.findMany({
    where: { tool: { slug } },
    include: { environment: { select: { name: true } } },
    orderBy: [{ environment: { name: "asc" } }, { connector: "asc" }],
  });
}

async function openFindings(tool: string) {
  const answer = await callRoute(findingsRoute.GET, { path: `/api/v1/findings?tool=${tool}&state=open&pageSize=200`, token: tokens.lead });
  expect(answer.status).toBe(200);
  return answer.body.rows as { rule: string; environment: string; severity: string; explanation: string }[];
}

describe("a discovery sync", () => {
  it("writes the example repository's scan as one audited run, and the findings follow", async () => {
    const declaredBefore = await seeded.db.observation.findMany({ where: { connector: "" }, orderBy: { id: "asc" } });
    const auditBefore = await seeded.db.auditEvent.count();
    expect(await openFindings("nimbus-autofix")).not.toContainEqual(expect.objectContaining({ rule: "UNGRANTED_REACH", environment: "prod-us-east" }));

    const run = await post(EXAMPLE);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Posted to .* as discovery run \S+ \(scope agent-repo; github-actions, agent-settings, mcp-config, k8s-rbac\): 7 observations, 7 added, 0 changed, 0 removed\./);

    const [nimbus] = await rowsOf("nimbus-autofix");
    expect(nimbus).toMatchObject({ connector: "github-actions", scope: "agent-repo", source: "DISCOVERED", autonomy: "AUTONOMOUS", environment: { name: "prod-us-east" } });
    expect(nimbus.capabilities).toEqual(["repo:read", "repo:write", "pr:create", "deploy:run"]);
    expect(nimbus.evidence).toContainEqual(expect.objectContaining({ file: ".github/workflows/autofix.yml", line: 17, detail: expect.stringContaining("permissions contents: write") }));

    const reach = (await openFindings("nimbus-autofix")).find((f) => f.rule === "UNGRANTED_REACH" && f.environment === "prod-us-east");
    expect(reach?.severity).toBe("CRITICAL");
    expect(reach?.explanation).toContain("acts AUTONOMOUSLY in prod-us-east");

    // kiro-agent in staging is seen by two connectors and declared once: three rows, judged as one.
    const kiroStaging = (await rowsOf("kiro-agent")).filter((o) => o.environment.name === "staging");
    expect(kiroStaging.map((o) => o.connector)).toEqual(["", "agent-settings"]);
    expect((await openFindings("kiro-agent")).find((f) => f.environment === "staging" && f.rule === "CAPABILITY_EXCEEDS_GRANT")?.explanation).toContain("env:delete");

    // Declarations and earlier syncs are untouched.
    expect(await seeded.db.observation.findMany({ where: { connector: "" }, orderBy: { id: "asc" } })).toEqual(declaredBefore);

    const events = await seeded.db.auditEvent.findMany({ where: { id: { gt: auditBefore } }, orderBy: { id: "asc" } });
    expect(events.filter((e) => e.action === "observations.discovered").map((e) => e.entityId)).toEqual(["kiro-agent", "nimbus-autofix", "pager-pal", "reviewbot", "runbook-runner", "testsmith"]);
    expect(events.at(-1)).toMatchObject({ action: "discovery.run", entity: "DiscoveryRun" });
    const runs = await callRoute(runsRoute.GET, { path: "/api/v1/discovery/runs", token: tokens.viewer });
    expect(runs.body.rows[0]).toMatchObject({ scope: "agent-repo", actor: "lead@example.com", filesRead: 7, observationsWritten: 7, unknownCount: 3, errorCount: 0 });
    const one = await callRoute(runRoute.GET, { path: `/api/v1/discovery/runs/${runs.body.rows[0].id}`, params: { id: runs.body.rows[0].id }, token: tokens.viewer });
    expect(one.body.unknown.map((u: { value: string }) => u.value)).toContain("Bash(make release)");
    expect(one.body).toMatchObject({ findingsCurrent: true, tools: ["kiro-agent", "nimbus-autofix", "pager-pal", "reviewbot", "runbook-runner", "testsmith"] });
  });

  it("fails on the register's findings of the posted pairs with --fail-on", async () => {
    const critical = await post(EXAMPLE, "--fail-on", "CRITICAL");
    expect(critical.status).toBe(1);
    expect(critical.stdout).toMatch(/CRITICAL {2}UNGRANTED_REACH {2}nimbus-autofix in prod-us-east/);
    // A scan of only the read-only review workflow finds nothing that bad.
    const reviewOnly = mkdtempSync(path.join(tmpdir(), "review-only-"));
    temps.push(reviewOnly);
    cpSync(path.join(EXAMPLE, ".github/workflows/review.yml"), path.join(reviewOnly, ".github/workflows/review.yml"), { recursive: true });
    const fine = await scan(reviewOnly, "--config", CONFIG, "--post", server.origin, "--token", tokens.lead, "--fail-on", "HIGH");
    expect(fine.stdout).toContain("No open finding of the posted tools and environments is HIGH or worse.");
    expect(fine.status).toBe(0);
  });

  it("removes a permission taken out of a workflow, and nothing else", async () => {
    await post(EXAMPLE);
    const before = await seeded.db.observation.findMany({ where: { scope: "agent-repo" }, orderBy: { id: "asc" } });
    const copy = exampleCopy();
    const workflow = path.join(copy, ".github/workflows/autofix.yml");
    writeFileSync(workflow, readFileSync(workflow, "utf8").replace(/^\s*pull-requests: write\n/m, ""));

    const run = await post(copy);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("7 observations, 0 added, 1 changed, 0 removed");
    const after = await seeded.db.observation.findMany({ where: { scope: "agent-repo" } });
    const key = (o: (typeof before)[number]) => `${o.toolId} ${o.environmentId} ${o.connector}`;
    const afterByKey = new Map(after.map((o) => [key(o), o]));
    for (const old of before) {
      const now = afterByKey.get(key(old))!;
      if (old.connector === "github-actions" && now.capabilities.length !== old.capabilities.length) {
        expect(old.capabilities.filter((c) => !now.capabilities.includes(c))).toEqual(["pr:create"]);
        expect(now.autonomy).toBe(old.autonomy);
      } else {
        expect({ autonomy: now.autonomy, capabilities: now.capabilities, evidence: now.evidence }).toEqual({ autonomy: old.autonomy, capabilities: old.capabilities, evidence: old.evidence });
      }
    }
    expect(after).toHaveLength(before.length);
  });

  it("keeps a connector's rows when one of its files cannot be parsed, and another scope's rows always", async () => {
    await post(EXAMPLE);
    const copy = exampleCopy();
    writeFileSync(path.join(copy, ".github/workflows/tests.yml"), "on: push\njobs:\n  a:\n    steps:\n      - uses: openai/codex-action@v1\n    permissions: [\n");
    const other = await scan(copy, "--config", CONFIG, "--post", server.origin, "--token", tokens.lead, "--scope", "other-repo");
    expect(other.status).toBe(2);
    expect(other.stdout).toContain("Left as the register had them, since a file they read could not be parsed: github-actions.");
    const broken = await post(copy);
    expect(broken.status).toBe(2);
    const rows = await seeded.db.observation.findMany({ where: { scope: "agent-repo", connector: "github-actions" }, include: { tool: { select: { slug: true } } } });
    expect(rows.map((r) => r.tool.slug).sort()).toEqual(["nimbus-autofix", "reviewbot", "testsmith"]);
    expect(await seeded.db.observation.count({ where: { scope: "other-repo", connector: "agent-settings" } })).toBe(1);
  });

  it("creates a tool the register lacks as PROPOSED with the config's owner team, or reports it", async () => {
    const repo = mkdtempSync(path.join(tmpdir(), "new-tool-"));
    temps.push(repo);
    cpSync(path.join(EXAMPLE, ".github/workflows/tests.yml"), path.join(repo, ".github/workflows/tests.yml"), { recursive: true });
    const config = (extra: object) => {
      const file = path.join(repo, `config-${Object.keys(extra).join("-") || "none"}.json`);
      writeFileSync(file, JSON.stringify({ environments: { staging: ["path:**"] }, ...extra }));
      return file;
    };
    const reported = await scan(repo, "--config", config({}), "--post", server.origin, "--token", tokens.lead, "--scope", "new-tool");
    expect(reported.status).toBe(0);
    expect(reported.stdout).toContain("Not in the register and no owner team in the config (not written): codex.");
    expect(await seeded.db.aiTool.findUnique({ where: { slug: "codex" } })).toBeNull();

    const created = await scan(repo, "--config", config({ owners: { codex: "Platform" } }), "--post", server.origin, "--token", tokens.lead, "--scope", "new-tool");
    expect(created.stdout).toContain("Created PROPOSED: codex.");
    const tool = await seeded.db.aiTool.findUniqueOrThrow({ where: { slug: "codex" }, include: { ownerTeam: true, observations: true } });
    expect(tool).toMatchObject({ status: "PROPOSED", ownerTeam: { name: "Platform" }, modes: ["AGENT"] });
    expect(tool.observations).toHaveLength(1);
    expect(await seeded.db.auditEvent.findFirst({ where: { action: "tool.created", entityId: "codex" } })).not.toBeNull();
  });

  it("refuses names the register does not know, naming the field, and writes nothing", async () => {
    const runsBefore = await seeded.db.discoveryRun.count();
    const file = path.join(exampleCopy(), "bad-config.json");
    writeFileSync(file, JSON.stringify({ environments: { "no-such-env": ["path:**"] } }));
    const refused = await scan(EXAMPLE, "--config", file, "--post", server.origin, "--token", tokens.lead);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("answered 422");
    expect(refused.stderr).toMatch(/observations\.\d+\.environment: unknown environment "no-such-env"/);
    expect(await seeded.db.discoveryRun.count()).toBe(runsBefore);

    const viewer = await scan(EXAMPLE, "--config", CONFIG, "--post", server.origin, "--token", tokens.viewer);
    expect(viewer.status).toBe(2);
    expect(viewer.stderr).toContain("answered 403");
  });

  it("answers 422 for an unknown owner team, 404 for an unknown run, and PUT observations leaves discovered rows", async () => {
    const body = {
      scope: "api",
      connectors: ["github-actions"],
      observations: [{ connector: "github-actions", tool: "brand-new-agent", environment: "staging", autonomy: "AGENT", capabilities: [], evidence: [{ connector: "github-actions", file: "a.yml", line: 1, detail: "x" }] }],
      owners: { "brand-new-agent": "Nobody" },
    };
    const refused = await callRoute(runsRoute.POST, { method: "POST", path: "/api/v1/discovery/runs", token: tokens.lead, body });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ field: "owners.brand-new-agent", message: 'unknown team "Nobody"' }]);
    const wrongConnector = await callRoute(runsRoute.POST, { method: "POST", path: "/api/v1/discovery/runs", token: tokens.lead, body: { ...body, connectors: ["k8s-rbac"] } });
    expect(wrongConnector.status).toBe(400);
    expect(wrongConnector.body.error.message).toContain("observations.0.connector");
    // A slug that names a property of every JavaScript object is a slug like any other.
    const inherited = await callRoute(runsRoute.POST, {
      method: "POST",
      path: "/api/v1/discovery/runs",
      token: tokens.lead,
      body: { ...body, observations: [{ ...body.observations[0], tool: "constructor" }], owners: {} },
    });
    expect(inherited.status).toBe(201);
    expect(inherited.body.toolsSkipped).toEqual(["constructor"]);
    const missing = await callRoute(runRoute.GET, { path: "/api/v1/discovery/runs/nope", params: { id: "nope" }, token: tokens.viewer });
    expect(missing.status).toBe(404);

    await post(EXAMPLE);
    const put = await callRoute(observationsRoute.PUT, { method: "PUT", path: "/api/v1/tools/nimbus-autofix/observations", params: { slug: "nimbus-autofix" }, token: tokens.lead, body: [] });
    expect(put.status).toBe(200);
    expect((await rowsOf("nimbus-autofix")).map((o) => o.connector)).toEqual(["github-actions"]);
  });

  it("takes two runs at once one after the other: a new tool both name is created once", async () => {
    const runIn = (scope: string) => ({
      scope,
      connectors: ["github-actions"],
      observations: [
        { connector: "github-actions", tool: "twin-agent", environment: "staging", autonomy: "AGENT", capabilities: ["repo:write"], evidence: [{ connector: "github-actions", file: `${scope}.yml`, line: 3, detail: "x" }] },
      ],
      owners: { "twin-agent": "Platform" },
    });
    const answers = await Promise.all(["twin-a", "twin-b"].map((scope) => callRoute(runsRoute.POST, { method: "POST", path: "/api/v1/discovery/runs", token: tokens.lead, body: runIn(scope) })));
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers.flatMap((a) => a.body.toolsProposed)).toEqual(["twin-agent"]);
    expect(await seeded.db.auditEvent.count({ where: { action: "tool.created", entityId: "twin-agent" } })).toBe(1);
    expect((await rowsOf("twin-agent")).map((o) => o.scope).sort()).toEqual(["twin-a", "twin-b"]);
  });
});
