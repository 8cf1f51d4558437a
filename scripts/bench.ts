// `npm run bench`: generates a register of BENCH_TOOLS tools (10,000 by default) × 8 environments
// (grants, decisions, observations, incident links) in a fresh database, then prints, one figure a
// line with its target: the pure policy over the whole register, the discovery scan, the app's
// overview, findings page and findings API at 1 and 20 clients with the server's memory, how long a
// write takes to show as a finding, change ingestion through POST /api/v1/changes, and, once the app
// has stopped, the webhook dispatcher's throughput to a receiver on loopback (alone, then two sharing).
// Uses DATABASE_URL's server when set (a database of its own, dropped at the end), else PGlite.
// BENCH_PURE=0 skips the pure evaluation (at 100,000 tools it holds the register in this process).
// BENCH_ONLY=dispatch runs the dispatcher phase alone, on a database with only the bench's users (no
// register, no build, no server): seconds instead of minutes. BENCH_DISPATCH_EVENTS sets its N (5,000).
// BENCH_ONLY=authorize generates the register and starts the app, then asks the decision point alone.
// `tsx scripts/bench.ts --clients '<json>'` is the load generator alone (see runClients).
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { createPrismaClient, prisma } from "../lib/db/client";
import { createTestDatabase } from "../lib/test/database";
import { hashPassword } from "../lib/auth/passwords";
import { hashToken } from "../lib/auth/tokens";
import { benchDiscovery } from "./bench-discovery";
import { buildUnlessSkipped, signInCookie, startAppServer, type AppServer } from "./lib/app-server";

const TOOLS = Number(process.env.BENCH_TOOLS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 3199);
/** Sequential requests per route at 1 client, after one unmeasured warm-up request. */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20);
const CONCURRENCY = 20;
/** Rounds of CONCURRENCY simultaneous requests per route: 3 × 20 = 60 samples. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// Where a route takes tens of seconds (the computed register at 100,000 tools), a phase stops taking
// samples past this budget so that the bench ends the same day; the line then says how many it took.
const PHASE_BUDGET_MS = Number(process.env.BENCH_PHASE_SECONDS ?? 900) * 1000;
const REQUEST_TIMEOUT_MS = 180_000;
const VISIBLE_SAMPLES = 5;
const VISIBLE_TIMEOUT_MS = 120_000;
const VISIBLE_POLL_MS = 50;
const RSS_SAMPLE_MS = 500;
const TOKEN = "bench-token";
const INGEST_SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const PASSWORD = "bench-password";
/** Tool numbers are zero-padded to this width in slugs: six digits fit 100,000 tools. */
const SLUG_DIGITS = Math.max(6, String(TOOLS).length);
const ONLY = process.env.BENCH_ONLY;
const DISPATCH_EVENTS = Number(process.env.BENCH_DISPATCH_EVENTS ?? 5_000);

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms, min ${sorted[0].toFixed(1)} ms (n=${sorted.length})`;
}

/** One figure: a fixed-width label, then the figure with its target, so that runs read side by side. */
function report(label: string, figure: string): void {
  console.log(`${label.padEnd(56)} ${figure}`);
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

// Set-based generation in SQL: 80,000 grants and observations per 10,000 tools in seconds rather than minutes.
// Without `register`, only the users and the API token: what the dispatcher phase alone needs.
async function generate(url: string, { register = true } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const passwordHash = await hashPassword(PASSWORD);
  const sql = `
    INSERT INTO "Team"(id, name) SELECT 'team-' || i, 'Team ' || i FROM generate_series(1, 20) i;
    INSERT INTO "Environment"(id, name, tier, "dataSensitivity", "criticalPath") VALUES
      ('e-1', 'sandbox', 'SANDBOX', 'NONE', false), ('e-2', 'staging', 'PRE_PRODUCTION', 'INTERNAL', false),
      ('e-3', 'prod-us', 'PRODUCTION', 'PII', true), ('e-4', 'prod-eu', 'PRODUCTION', 'FINANCIAL', true),
      ('e-5', 'analytics', 'PRODUCTION', 'PII', false), ('e-6', 'shared-k8s', 'SHARED_PLATFORM', 'INTERNAL', false),
      ('e-7', 'control-plane', 'CONTROL_PLANE', 'INTERNAL', false), ('e-8', 'dev', 'SANDBOX', 'NONE', false);
    INSERT INTO "Capability"(id, key, class) VALUES
      ('c-1', 'repo:read', 'READ'), ('c-2', 'repo:write', 'WRITE'), ('c-3', 'deploy:run', 'DEPLOY'),
      ('c-4', 'infra:apply', 'INFRA'), ('c-5', 'db:migrate', 'SCHEMA'), ('c-6', 'env:delete', 'DESTRUCTIVE'),
      ('c-7', 'secrets:read', 'SENSITIVE_DATA'), ('c-8', 'iam:admin', 'ADMIN');
    INSERT INTO "AiTool"(id, slug, name, vendor, kind, status, modes, "ownerTeamId", "updatedAt")
      SELECT 'tool-' || i, 'bench-tool-' || lpad(i::text, $DIGITS, '0'), 'Bench Tool ' || i, 'Vendor ' || (i % 37),
        (ARRAY['CODING_ASSISTANT','AGENT','CHAT','OPS_BOT','OTHER'])[1 + i % 5]::"ToolKind",
        (CASE WHEN i % 50 = 0 THEN 'RETIRED' WHEN i % 23 = 0 THEN 'RESTRICTED' ELSE 'APPROVED' END)::"ToolStatus",
        ARRAY['SUGGEST','AGENT']::"Autonomy"[], 'team-' || (1 + i % 20), now()
      FROM generate_series(1, $TOOLS) i;
    INSERT INTO "Grant"(id, "toolId", "environmentId", "maxAutonomy", capabilities, justification, "expiresAt", status, "requesterId", "createdAt", "decidedAt")
      SELECT 'g-' || i || '-' || e, 'tool-' || i, 'e-' || e,
        (ARRAY['SUGGEST','AGENT','AGENT','AUTONOMOUS'])[1 + (i + e) % 4]::"Autonomy",
        CASE WHEN (i + e) % 5 = 0 THEN ARRAY['repo:read','repo:write','deploy:run'] ELSE ARRAY['repo:read','repo:write'] END,
        'generated', CASE WHEN (i * e) % 11 = 0 THEN now() - interval '3 days' ELSE now() + interval '120 days' END,
        (CASE WHEN (i + e) % 13 = 0 THEN 'REQUESTED' WHEN (i + e) % 17 = 0 THEN 'REVOKED' ELSE 'APPROVED' END)::"GrantStatus",
        'u-lead', now() - interval '60 days', now() - interval '59 days'
      FROM generate_series(1, $TOOLS) i, generate_series(1, 8) e;
    INSERT INTO "Decision"(id, "grantId", "reviewerId", decision, senior)
      SELECT 'd1-' || g.id, g.id, 'u-rev1', 'APPROVE', true FROM "Grant" g WHERE g.status <> 'REQUESTED';
    INSERT INTO "Decision"(id, "grantId", "reviewerId", decision, senior)
      SELECT 'd2-' || g.id, g.id, 'u-rev2', 'APPROVE', false FROM "Grant" g WHERE g.status <> 'REQUESTED' AND length(g.id) % 3 <> 0;
    INSERT INTO "Observation"(id, "toolId", "environmentId", autonomy, capabilities, source, "observedAt")
      SELECT 'o-' || i || '-' || e, 'tool-' || i, 'e-' || e,
        (ARRAY['OFF','SUGGEST','AGENT','AUTONOMOUS'])[1 + (i * 7 + e) % 4]::"Autonomy",
        CASE WHEN (i + e) % 9 = 0 THEN ARRAY['repo:read','env:delete'] WHEN (i + e) % 4 = 0 THEN ARRAY['repo:read','repo:write','deploy:run'] ELSE ARRAY['repo:read'] END,
        'SYNC', now() - ((i + e) % 45) * interval '1 day'
      FROM generate_series(1, $TOOLS) i, generate_series(1, 8) e WHERE (i + e) % 10 <> 0;
    INSERT INTO "Incident"(id, key, title, severity, status, "startedAt", "genAiContributed", "updatedAt")
      SELECT 'inc-' || i, 'BENCH-' || i, 'Generated incident ' || i, (ARRAY['SEV1','SEV2','SEV3','SEV4'])[1 + i % 4]::"IncidentSeverity",
        'RESOLVED', now() - (i % 120) * interval '1 day', 'YES', now()
      FROM generate_series(1, 300) i;
    INSERT INTO "IncidentTool"("incidentId", "toolId", role)
      SELECT 'inc-' || i, 'tool-' || (1 + (i * 31) % $TOOLS), (ARRAY['TRIGGERED','CONTRIBUTED','INVOLVED'])[1 + i % 3]::"IncidentToolRole"
      FROM generate_series(1, 300) i;
  `;
  // Closed on failure too: an open connection would be cut by the database's drop, and pg raises
  // that as an unhandled 'error' event that ends the process before the real error is printed.
  try {
    await client.query(
      `INSERT INTO "User"(id, email, name, role, senior, "passwordHash") VALUES
        ('u-lead', 'bench-lead@example.com', 'Bench Lead', 'PLATFORM_LEAD', false, $1),
        ('u-rev1', 'bench-rev1@example.com', 'Bench Reviewer 1', 'SECURITY_REVIEWER', true, $1),
        ('u-rev2', 'bench-rev2@example.com', 'Bench Reviewer 2', 'SECURITY_REVIEWER', false, $1),
        ('u-admin', 'bench-admin@example.com', 'Bench Admin', 'ADMIN', false, $1)`,
      [passwordHash],
    );
    await client.query(`INSERT INTO "ApiToken"(id, "userId", name, "tokenHash") VALUES ('t-1', 'u-admin', 'bench', $1)`, [hashToken(TOKEN)]);
    // pg runs a multi-statement text only without parameters; both values are integers.
    if (register) await client.query(sql.replaceAll("$TOOLS", `${Math.trunc(TOOLS)}::int`).replaceAll("$DIGITS", String(SLUG_DIGITS)));
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

// Held in memory only while this runs, and imported only then, so BENCH_PURE=0 costs nothing.
async function benchPureEvaluation(databaseUrl: string): Promise<void> {
  const { loadRegisterSnapshot } = await import("../lib/data/register-snapshot");
  const { allowedAutonomyMatrix, computeFindings } = await import("../lib/policy/findings");
  process.env.DATABASE_URL = databaseUrl;
  let start = process.hrtime.bigint();
  const snapshot = await loadRegisterSnapshot();
  report(
    "full evaluation (pure): load register",
    `${ms(start).toFixed(0)} ms (${snapshot.tools.length} tools, ${snapshot.grants.length} grants, ${snapshot.observations.length} observations)`,
  );
  const samples: number[] = [];
  let findingCount = 0;
  for (let i = 0; i < 5; i++) {
    start = process.hrtime.bigint();
    findingCount = computeFindings(snapshot, new Date()).length;
    samples.push(ms(start));
  }
  report("full evaluation (pure): computeFindings", `${stats(samples)} → ${findingCount} findings`);
  start = process.hrtime.bigint();
  allowedAutonomyMatrix(snapshot, new Date());
  report("full evaluation (pure): allowedAutonomyMatrix", `${ms(start).toFixed(1)} ms`);
  // Closed before the app starts: the embedded database serves one connection, and on a server the
  // database's drop at the end would cut an idle one.
  await prisma().$disconnect();
}

// fetch reports every network failure as "fetch failed"; the cause says which (the server closed the
// connection, refused it…).
function describeError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${String(error)}${cause}`;
}

type Outcome = { ms: number; bytes: number; body?: string } | { ms: number; problem: string };

// A measured request: a timeout or an error status is an outcome to report, not a crash, since the
// code measured may well be too slow for the register.
async function timedGet(url: string, headers: Record<string, string>, keepBody = false): Promise<Outcome> {
  const start = process.hrtime.bigint();
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await response.arrayBuffer();
    if (response.status !== 200) return { ms: ms(start), problem: `HTTP ${response.status}` };
    return { ms: ms(start), bytes: body.byteLength, body: keepBody ? Buffer.from(body).toString("utf8") : undefined };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return { ms: ms(start), problem: timedOut ? `timed out after ${REQUEST_TIMEOUT_MS / 1000} s` : describeError(error) };
  }
}

/** "p50 …, p95 …" of the answered requests, with the count and the failures listed. */
function latencies(outcomes: Outcome[], planned: number, target: string): string {
  const answered = outcomes.flatMap((o) => ("problem" in o ? [] : [o.ms])).sort((a, b) => a - b);
  const problems = new Map<string, number>();
  for (const o of outcomes) if ("problem" in o) problems.set(o.problem, (problems.get(o.problem) ?? 0) + 1);
  const failed = problems.size ? `; failed: ${[...problems].map(([problem, count]) => `${count}× ${problem}`).join(", ")}` : "";
  const stopped = outcomes.length < planned ? ` of ${planned} planned, stopped at the ${PHASE_BUDGET_MS / 1000} s phase budget` : "";
  const figure = answered.length ? `p50 ${quantile(answered, 0.5).toFixed(0)} ms, p95 ${quantile(answered, 0.95).toFixed(0)} ms` : "no answer";
  return `${figure} (n=${outcomes.length}${stopped}${failed}; ${target})`;
}

function firstFigure(outcome: Outcome): string {
  return "problem" in outcome ? `${outcome.problem} after ${outcome.ms.toFixed(0)} ms` : `${outcome.ms.toFixed(0)} ms`;
}

/**
 * One route at 1 client (a warm-up, then REQUESTS in a row) and at CONCURRENCY clients (ROUNDS of
 * simultaneous requests), each bounded by the phase budget. Returns the warm-up's outcome.
 */
async function benchRoute(label: string, url: string, headers: Record<string, string>, keepFirstBody = false): Promise<Outcome> {
  const first = await timedGet(url, headers, keepFirstBody);
  report(`${label}, first request`, `${firstFigure(first)} (unmeasured warm-up)`);
  let deadline = Date.now() + PHASE_BUDGET_MS;
  const sequential: Outcome[] = [];
  while (sequential.length < REQUESTS && Date.now() < deadline) sequential.push(await timedGet(url, headers));
  report(`${label}, 1 client`, latencies(sequential, REQUESTS, "target at 100k: p95 < 200 ms"));
  deadline = Date.now() + PHASE_BUDGET_MS;
  const concurrent: Outcome[] = [];
  for (let round = 0; round < ROUNDS && Date.now() < deadline; round++) {
    concurrent.push(...(await Promise.all(Array.from({ length: CONCURRENCY }, () => timedGet(url, headers)))));
  }
  report(`${label}, ${CONCURRENCY} clients`, latencies(concurrent, ROUNDS * CONCURRENCY, "target at 100k: p95 < 1.5 s"));
  return first;
}

/** The kB of resident memory of `root` and all its descendants, from /proc; undefined off Linux. */
function processTreeRssKb(root: number): number | undefined {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    try {
      // The command name is in parentheses and may hold spaces: the parent pid follows its last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  let total: number | undefined;
  const pending = [root];
  while (pending.length) {
    const pid = pending.pop()!;
    pending.push(...(children.get(pid) ?? []));
    try {
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) total = (total ?? 0) + Number(rss[1]);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

function sampleServerRss(pid: number): { stop(): number[] } {
  const samples: number[] = [];
  const take = () => {
    const kb = processTreeRssKb(pid);
    if (kb !== undefined) samples.push(kb);
  };
  take();
  const timer = setInterval(take, RSS_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

/**
 * Today's API answers { findings, total }; the finding records' version answers a page
 * { rows, total, page, pageSize, … }; a bare array is accepted too.
 */
function findingRows(body: unknown): { rule?: string }[] {
  if (Array.isArray(body)) return body;
  const page = body as { rows?: { rule?: string }[]; findings?: { rule?: string }[] };
  return page.rows ?? page.findings ?? [];
}

type Visible = { ms: number } | { problem: string };

// A fresh tool, then its observed reach with no grant, which the policy must report as
// UNGRANTED_REACH: the time from the start of the write until the findings API shows it.
async function writeToVisible(base: string, index: number): Promise<Visible> {
  const bearer = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
  const slug = `bench-visible-${index}`;
  const created = await fetch(`${base}/api/v1/tools`, {
    method: "POST",
    headers: bearer,
    body: JSON.stringify({ slug, name: `Bench visible ${index}`, vendor: "Bench", kind: "AGENT", ownerTeam: "Team 1", status: "APPROVED", modes: ["SUGGEST", "AGENT", "AUTONOMOUS"] }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (created.status !== 201) return { problem: `POST /api/v1/tools answered ${created.status}: ${await created.text()}` };
  const start = process.hrtime.bigint();
  const written = await fetch(`${base}/api/v1/tools/${slug}/observations`, {
    method: "PUT",
    headers: bearer,
    body: JSON.stringify([{ environment: "prod-us", autonomy: "AUTONOMOUS", capabilities: ["repo:read", "env:delete"], source: "SYNC" }]),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (written.status !== 200) return { problem: `PUT observations answered ${written.status}: ${await written.text()}` };
  // A poll still running at the deadline is cut there: the sample has failed by then.
  const deadline = AbortSignal.timeout(VISIBLE_TIMEOUT_MS);
  const notVisible = { problem: `not visible within ${VISIBLE_TIMEOUT_MS / 1000} s` };
  try {
    for (;;) {
      const response = await fetch(`${base}/api/v1/findings?tool=${slug}`, { headers: bearer, signal: deadline });
      if (response.status !== 200) return { problem: `GET /api/v1/findings answered ${response.status}` };
      if (findingRows(await response.json()).some((finding) => finding.rule === "UNGRANTED_REACH")) return { ms: ms(start) };
      await sleep(VISIBLE_POLL_MS);
      if (deadline.aborted) return notVisible;
    }
  } catch (error) {
    if (deadline.aborted) return notVisible;
    throw error;
  }
}

async function measureWriteToVisible(base: string): Promise<void> {
  const outcomes: Visible[] = [];
  for (let i = 1; i <= VISIBLE_SAMPLES; i++) {
    // A timeout or a refused connection fails this sample only, like a slow page above.
    outcomes.push(
      await writeToVisible(base, i).catch((error: unknown) => ({ problem: describeError(error) })),
    );
  }
  const times = outcomes.flatMap((o) => ("ms" in o ? [o.ms] : [])).sort((a, b) => a - b);
  const problems = outcomes.flatMap((o) => ("problem" in o ? [o.problem] : []));
  const figure = times.length ? `p50 ${quantile(times, 0.5).toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms` : "never visible";
  const failed = problems.length ? `; failed: ${problems.join(", ")}` : "";
  report("write → its finding visible in the API", `${figure} (n=${outcomes.length}: ${times.map((t) => t.toFixed(0)).join(", ")} ms${failed}; target at 100k: within 1 s)`);
}

const SYNC_OBSERVATIONS = Math.min(2_000, TOOLS);

// A discovery run as `npm run scan -- --post` sends it for a large organisation: one observation per
// tool, each with the evidence a workflow gives. Timed from the POST until the run says its tools'
// findings are current.
async function postDiscoveryRun(base: string, capabilities: string[]): Promise<{ ms: number; summary: string } | { problem: string }> {
  const observations = Array.from({ length: SYNC_OBSERVATIONS }, (_, i) => {
    const file = `repo-${i}/.github/workflows/agent.yml`;
    return {
      connector: "github-actions",
      tool: `bench-tool-${String(i + 1).padStart(SLUG_DIGITS, "0")}`,
      environment: "prod-us",
      autonomy: "AGENT",
      capabilities,
      evidence: [
        { connector: "github-actions", file, line: 9, detail: "job `agent`: autonomy AGENT (ci-write)" },
        { connector: "github-actions", file, line: 12, detail: "job `agent` permissions contents: write: repo:read, repo:write" },
        { connector: "github-actions", file, line: 20, detail: "job `agent` runs anthropics/claude-code-action@v1" },
      ],
    };
  });
  const start = process.hrtime.bigint();
  const response = await fetch(`${base}/api/v1/discovery/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ scope: "bench-org", connectors: ["github-actions"], filesRead: SYNC_OBSERVATIONS, observations }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (response.status !== 201) return { problem: `answered ${response.status}: ${(await response.text()).slice(0, 300)}` };
  const run = (await response.json()) as { id: string; added: number; changed: number; removed: number };
  const answered = ms(start);
  const deadline = Date.now() + VISIBLE_TIMEOUT_MS;
  for (;;) {
    const state = await fetch(`${base}/api/v1/discovery/runs/${run.id}`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (((await state.json()) as { findingsCurrent?: boolean }).findingsCurrent) break;
    if (Date.now() > deadline) return { problem: `findings not current within ${VISIBLE_TIMEOUT_MS / 1000} s` };
    await sleep(VISIBLE_POLL_MS);
  }
  return { ms: ms(start), summary: `answered in ${answered.toFixed(0)} ms; ${run.added} added, ${run.changed} changed, ${run.removed} removed` };
}

async function measureDiscoverySync(base: string): Promise<void> {
  for (const [label, capabilities] of [
    ["new", ["repo:read", "repo:write"]],
    ["every row changed", ["repo:read", "repo:write", "deploy:run"]],
  ] as const) {
    const outcome = await postDiscoveryRun(base, [...capabilities]).catch((error: unknown) => ({ problem: describeError(error) }));
    report(
      `discovery run of ${SYNC_OBSERVATIONS} observations, ${label}`,
      "problem" in outcome ? `failed: ${outcome.problem}` : `${outcome.ms.toFixed(0)} ms to current findings, ${Math.round((SYNC_OBSERVATIONS / outcome.ms) * 1000)} observations/s (${outcome.summary})`,
    );
  }
}

let eventCounter = 0;
function changeEvent() {
  eventCounter += 1;
  const tool = 1 + (eventCounter % TOOLS);
  return {
    externalId: `bench-${process.pid}-${eventCounter}`,
    service: `service-${eventCounter % 40}`,
    environment: ["staging", "prod-us", "shared-k8s", "sandbox"][eventCounter % 4],
    changeType: ["CODE", "CONFIG", "INFRA", "SCHEMA"][eventCounter % 4],
    aiOrigin: eventCounter % 3 === 0 ? "HUMAN" : "AI_ASSISTED",
    tool: eventCounter % 3 === 0 ? null : `bench-tool-${String(tool).padStart(SLUG_DIGITS, "0")}`,
    mode: eventCounter % 3 === 0 ? null : "AGENT",
    approvers: eventCounter % 2 ? ["bench-rev1@example.com"] : ["bench-rev1@example.com", "bench-rev2@example.com"],
    rollbackPlan: eventCounter % 5 ? "roll back to the previous release" : null,
    deployedAt: new Date().toISOString(),
  };
}

interface ClientOptions {
  base: string;
  connections: number;
  /** Events per POST /api/v1/changes; 0 calls GET /api/v1/health instead. */
  batchSize: number;
  seconds: number;
  /** Ask the decision point (POST /api/v1/authorize) instead: about any pair, or only the first `recurring` tools' (runtimes ask about their own tool again and again). */
  authorize?: { recurring?: number };
}

const BENCH_ENVIRONMENTS = ["sandbox", "staging", "prod-us", "prod-eu", "analytics", "shared-k8s", "control-plane", "dev"];
const MODES = ["SUGGEST", "AGENT", "AUTONOMOUS"];

/** A question an agent runtime asks: a random generated tool in a random environment. */
function authorizeQuestion(tools = TOOLS) {
  const tool = `bench-tool-${String(1 + Math.floor(Math.random() * tools)).padStart(SLUG_DIGITS, "0")}`;
  const environment = BENCH_ENVIRONMENTS[Math.floor(Math.random() * BENCH_ENVIRONMENTS.length)];
  return { tool, environment, mode: MODES[Math.floor(Math.random() * MODES.length)], capabilities: Math.random() < 0.5 ? ["repo:read"] : ["repo:read", "deploy:run"] };
}

// Concurrent clients posting fresh events (each request gets new externalIds), as CI/CD fleets do.
async function runClients({ base, connections, batchSize, seconds, authorize }: ClientOptions) {
  const request: autocannon.Request = authorize
    ? {
        method: "POST",
        path: "/api/v1/authorize",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(authorizeQuestion(authorize.recurring)) }),
      }
    : batchSize === 0
      ? { method: "GET", path: "/api/v1/health" }
      : {
          method: "POST",
          path: "/api/v1/changes",
          headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify(batchSize === 1 ? changeEvent() : Array.from({ length: batchSize }, changeEvent)),
          }),
        };
  const result = await autocannon({ url: base, connections, duration: seconds, requests: [request] });
  const succeeded = result["2xx"] * Math.max(batchSize, 1);
  return { succeeded, perSecond: succeeded / (result.duration || seconds), p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

// The clients run in a process of their own, as a CI/CD fleet would: in this one, the collector
// pausing for the register generated above would be counted as the server's latency.
function clients(base: string, options: Omit<ClientOptions, "base" | "seconds"> & { seconds?: number }): ReturnType<typeof runClients> {
  const clientOptions: ClientOptions = { base, seconds: INGEST_SECONDS, ...options };
  const output = execFileSync(process.execPath, [...process.execArgv, import.meta.filename, "--clients", JSON.stringify(clientOptions)], { encoding: "utf8" });
  return JSON.parse(output);
}

async function measureIngestion(base: string): Promise<void> {
  // The server's collector first reclaims the register it replaced after the writes above (hundreds
  // of MB), which would otherwise land in the first phase measured here and in no steady state.
  await sleep(10_000);
  // Unmeasured warm-up, so the figures are of optimised code rather than of the JIT's first pass.
  await clients(base, { connections: 50, batchSize: 1, seconds: 5 });
  const singles = await clients(base, { connections: 50, batchSize: 1 });
  report(
    "POST /api/v1/changes single events, 50 clients",
    `${singles.perSecond.toFixed(0)} events/s; latency p50 ${singles.p50} ms, p99 ${singles.p99} ms (target p99 < 50 ms; ${singles.errors} errors)`,
  );
  const batches = await clients(base, { connections: 4, batchSize: 500 });
  report(
    "POST /api/v1/changes batches of 500, 4 clients",
    `${batches.perSecond.toFixed(0)} events/s (target ≥ 10,000; ${batches.succeeded} events; p50 ${batches.p50} ms, p99 ${batches.p99} ms per batch; ${batches.errors} errors)`,
  );
  await measureDecisions(base);
}

async function measureDecisions(base: string): Promise<void> {
  // Agent runtimes ask the decision listener (DECISION_PORT, the app's port + 1 under npm start).
  const decisionPoint = `http://127.0.0.1:${PORT + 1}`;
  await clients(decisionPoint, { connections: 50, batchSize: 1, seconds: 3, authorize: {} });
  const asked = await clients(decisionPoint, { connections: 50, batchSize: 1, authorize: {} });
  report(
    "POST /api/v1/authorize on DECISION_PORT, random pairs, 50 clients",
    `${asked.perSecond.toFixed(0)} decisions/s; latency p50 ${asked.p50} ms, p99 ${asked.p99} ms (target p99 < 20 ms; ${asked.errors} errors)`,
  );
  // 100 tools × 8 environments: the pairs' facts are read once, then each question costs an index probe of the audit chain.
  const recurring = await clients(decisionPoint, { connections: 50, batchSize: 1, authorize: { recurring: 100 } });
  report(
    "POST /api/v1/authorize on DECISION_PORT, 800 recurring pairs, 50 clients",
    `${recurring.perSecond.toFixed(0)} decisions/s; latency p50 ${recurring.p50} ms, p99 ${recurring.p99} ms (target p99 < 20 ms; ${recurring.errors} errors)`,
  );
  const viaApp = await clients(base, { connections: 50, batchSize: 1, authorize: {} });
  report(
    "POST /api/v1/authorize on the app's port, 50 clients",
    `${viaApp.perSecond.toFixed(0)} decisions/s; latency p50 ${viaApp.p50} ms, p99 ${viaApp.p99} ms (${viaApp.errors} errors)`,
  );
  // The same 50 clients on the app's cheapest App Router route (one SELECT 1 each), to read the
  // figures against: what this machine gives a route at this concurrency.
  const reference = await clients(base, { connections: 50, batchSize: 0 });
  report("GET /api/v1/health, 50 clients (for comparison)", `${reference.perSecond.toFixed(0)} requests/s; latency p50 ${reference.p50} ms, p99 ${reference.p99} ms`);
}

const REBUILD_BUDGET_MS = 30 * 60_000;

// The generated register has no finding records yet: the migration asked for a full rebuild, which
// the server's evaluator works through in the background, in chunks, as after a policy change. The
// pages are measured once it is done; meanwhile they answer from the records as they stand.
async function awaitFindingRebuild(databaseUrl: string, serverPid: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rss = sampleServerRss(serverPid);
  const start = process.hrtime.bigint();
  try {
    for (;;) {
      const { rows } = await client.query<{ pending: boolean }>(`SELECT "requestedAt" IS NOT NULL AS pending FROM "FindingRebuild" WHERE id = 1`);
      if (!rows[0]?.pending) break;
      if (ms(start) > REBUILD_BUDGET_MS) throw new Error(`the findings rebuild took longer than ${REBUILD_BUDGET_MS / 60_000} minutes`);
      await sleep(500);
    }
    const elapsed = ms(start);
    // The finding tables grew from nothing in minutes: statistics, as autovacuum would soon gather them.
    await client.query("ANALYZE");
    const { rows } = await client.query<{ pairs: number; open: number; transitions: number }>(
      `SELECT (SELECT COUNT(*)::int FROM "FindingPair") AS pairs, (SELECT COUNT(*)::int FROM "FindingRecord" WHERE "resolvedAt" IS NULL) AS open,
              (SELECT COUNT(*)::int FROM "FindingTransition") AS transitions`,
    );
    const { pairs, open, transitions } = rows[0];
    const rssKb = rss.stop();
    report(
      "full rebuild of the findings (background)",
      `${(elapsed / 1000).toFixed(1)} s: ${pairs} pairs judged (${(elapsed / Math.max(pairs, 1)).toFixed(2)} ms a pair, target < 5 ms), ${open} open findings, ${transitions} transitions; server RSS max ${rssKb.length ? (Math.max(...rssKb) / 1024).toFixed(0) : "?"} MB`,
    );
  } finally {
    await client.end();
  }
}

async function benchApp(base: string, serverPid: number): Promise<void> {
  const cookie = await signInCookie(base, "bench-admin@example.com", PASSWORD);
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const rss = sampleServerRss(serverPid);
  await benchRoute("GET / (overview)", `${base}/`, { cookie });
  await benchRoute("GET /findings (findings page)", `${base}/findings`, { cookie });
  const critical = await benchRoute("GET /api/v1/findings?severity=CRITICAL", `${base}/api/v1/findings?severity=CRITICAL`, bearer, true);
  const rssKb = rss.stop();
  if ("body" in critical && critical.body !== undefined) {
    const body: unknown = JSON.parse(critical.body);
    const total = Array.isArray(body) ? body.length : (body as { total?: number }).total;
    report("GET /api/v1/findings?severity=CRITICAL, size", `${(critical.bytes / 1024).toFixed(1)} KB (${findingRows(body).length} findings in the answer, of ${total ?? "?"})`);
  } else report("GET /api/v1/findings?severity=CRITICAL, size", "unknown: its first request failed");
  report(
    "server RSS during the page and API requests",
    rssKb.length ? `max ${(Math.max(...rssKb) / 1024).toFixed(0)} MB, at start ${(rssKb[0] / 1024).toFixed(0)} MB (${rssKb.length} samples; target at 100k: < 1 GB)` : "unavailable (no /proc)",
  );
  await measureWriteToVisible(base);
  await measureDiscoverySync(base);
  await measureIngestion(base);
}

/** Stops the app and waits until its process has gone (it forks no workers), so its dispatcher too. */
async function stopAndAwaitExit(server: AppServer): Promise<void> {
  const exited = server.process.exitCode !== null || server.process.signalCode !== null ? Promise.resolve() : once(server.process, "exit", { signal: AbortSignal.timeout(30_000) });
  await server.stop();
  await exited;
}

type DispatchRound = { ms: number; attempts: number[] } | { problem: string };

// DISPATCH_EVENTS events in the outbox for one subscription to every type, written in one transaction
// as a writer would (untimed), then `dispatchers` dispatchers, each with a client of its own as each app
// process has, timed from the first fan-out until the last of them returns with nothing left. The
// receiver is on loopback in this process, answering at once: the figure is the dispatcher's and the
// database's, not a network's. Whatever happens, the subscription and its events go afterwards.
async function dispatchRound(url: string, dispatchers: number): Promise<DispatchRound> {
  const { dispatchDue } = await import("../lib/data/webhook-dispatcher");
  const { emitEvents } = await import("../lib/data/outbox");
  const { newSigningSecret } = await import("../lib/notifications/signing");
  const { startWebhookReceiver } = await import("../lib/test/webhook-receiver");
  const { Webhook } = await import("standardwebhooks");
  // The first dispatcher's client also sets up, checks and cleans up: the embedded database takes one
  // connection at a time, and a client opened just after another closed may find it still taken.
  const clients = Array.from({ length: dispatchers }, () => createPrismaClient(url));
  const [db] = clients;
  const receiver = await startWebhookReceiver();
  const secret = newSigningSecret();
  let subscriptionId: string | undefined;
  let ids: string[] = [];
  try {
    const { id: createdById } = await db.user.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } });
    ({ id: subscriptionId } = await db.webhookSubscription.create({
      // Every filter list empty, as the app writes them: a list left out is NULL in the column, and
      // the fan-out then matches none of the events that name a tool or an environment.
      data: { name: "bench receiver", kind: "WEBHOOK", url: receiver.url, eventTypes: [], tools: [], environments: [], teams: [], secret, createdById },
      select: { id: true },
    }));
    const at = new Date();
    ids = await db.$transaction((tx) =>
      emitEvents(
        tx,
        Array.from({ length: DISPATCH_EVENTS }, (_, i) => {
          const tool = `bench-tool-${String(1 + (i % TOOLS)).padStart(SLUG_DIGITS, "0")}`;
          return {
            type: "grant.requested" as const,
            at,
            summary: `${tool} requests AGENT in prod-us.`,
            subject: { tool, environment: "prod-us" },
            links: { grant: `/grants/bench-dispatch-${i}` },
            details: { grant: `bench-dispatch-${i}`, maxAutonomy: "AGENT" },
          };
        }),
      ),
    );
    if (ids.length !== DISPATCH_EVENTS) return { problem: `the outbox kept ${ids.length} of ${DISPATCH_EVENTS} events` };

    // Connected before the clock starts: opening a pool is no part of the throughput.
    await Promise.all(clients.map((client) => client.$queryRaw`SELECT 1`));
    const start = process.hrtime.bigint();
    // Settled, not all: a dispatcher that failed must not leave the other running into the clean-up.
    const settled = await Promise.allSettled(clients.map((client) => dispatchDue({ db: client, clock: () => new Date() })));
    const elapsed = ms(start);
    const failed = settled.flatMap((outcome) => (outcome.status === "rejected" ? [describeError(outcome.reason)] : []));
    if (failed.length) return { problem: `dispatchDue threw: ${failed.join("; ")}` };

    // Every event exactly once, signed with the subscription's secret, and every delivery settled as delivered.
    const problems: string[] = [];
    const webhook = new Webhook(secret);
    const receivedIds = new Set<string>();
    let badSignatures = 0;
    for (const request of receiver.received) {
      const header = (name: string) => String(request.headers[name] ?? "");
      receivedIds.add(header("webhook-id"));
      try {
        webhook.verify(request.body, { "webhook-id": header("webhook-id"), "webhook-timestamp": header("webhook-timestamp"), "webhook-signature": header("webhook-signature") });
      } catch {
        badSignatures += 1;
      }
    }
    if (receiver.received.length !== DISPATCH_EVENTS) problems.push(`the receiver got ${receiver.received.length} requests`);
    const missing = ids.filter((id) => !receivedIds.has(id)).length;
    if (missing) problems.push(`${missing} events never arrived`);
    if (badSignatures) problems.push(`${badSignatures} signatures did not verify`);
    const statuses = await db.webhookDelivery.groupBy({ by: ["status"], where: { subscriptionId }, _count: true });
    const delivered = statuses.find((row) => row.status === "DELIVERED")?._count ?? 0;
    if (delivered !== DISPATCH_EVENTS) problems.push(`deliveries: ${statuses.map((row) => `${row._count} ${row.status}`).join(", ") || "none"}`);
    if (problems.length) return { problem: `${problems.join("; ")} (of ${DISPATCH_EVENTS}, after ${(elapsed / 1000).toFixed(1)} s)` };
    return { ms: elapsed, attempts: settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : 0)) };
  } finally {
    await receiver.close();
    try {
      // Deleting the subscription deletes its deliveries and their attempts; the events go by their ids.
      if (subscriptionId) await db.webhookSubscription.deleteMany({ where: { id: subscriptionId } });
      if (ids.length) await db.outboxEvent.deleteMany({ where: { id: { in: ids } } });
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
  }
}

async function benchDispatcher(url: string, embedded: boolean): Promise<void> {
  const rate = (round: { ms: number }) => `${Math.round((DISPATCH_EVENTS / round.ms) * 1000)} deliveries/s`;
  const alone = await dispatchRound(url, 1).catch((error: unknown) => ({ problem: describeError(error) }));
  report(
    `webhook dispatcher (${DISPATCH_EVENTS} deliveries to a local receiver)`,
    "problem" in alone ? `failed: ${alone.problem}` : `${rate(alone)} (target ≥ 200/s; ${DISPATCH_EVENTS} in ${(alone.ms / 1000).toFixed(1)} s)`,
  );
  // Two app processes share the outbox through SKIP LOCKED; the embedded database's one connection cannot show that.
  const label = `webhook dispatcher, 2 sharing the outbox (${DISPATCH_EVENTS} deliveries)`;
  if (embedded) {
    report(label, "skipped (needs a Postgres server: the embedded database serves one connection)");
    return;
  }
  const shared = await dispatchRound(url, 2).catch((error: unknown) => ({ problem: describeError(error) }));
  report(
    label,
    "problem" in shared ? `failed: ${shared.problem}` : `${rate(shared)} (${shared.attempts.join(" + ")} attempts; ${DISPATCH_EVENTS} in ${(shared.ms / 1000).toFixed(1)} s)`,
  );
}

async function main(): Promise<number> {
  if (ONLY !== undefined && ONLY !== "dispatch" && ONLY !== "authorize") {
    console.error(`BENCH_ONLY=${ONLY}: the phases that run alone are "dispatch" and "authorize"`);
    return 2;
  }
  const database = await createTestDatabase("grr_bench");
  const embedded = database.embedded;
  if (embedded) process.env.EMBEDDED_DATABASE = "1";
  console.log(`Database: ${embedded ? "embedded PGlite" : "Postgres server"}; ${ONLY ? `BENCH_ONLY=${ONLY}` : `register of ${TOOLS} tools × 8 environments`}`);
  if (!ONLY) console.log(`Requests per route: 1 client × ${REQUESTS}, ${CONCURRENCY} clients × ${ROUNDS} rounds; at most ${PHASE_BUDGET_MS / 1000} s a phase`);
  let server: AppServer | undefined;
  let failed = false;
  try {
    if (ONLY === "dispatch") {
      // The dispatcher phase needs only a user to own its subscription.
      await generate(database.url, { register: false });
      console.log("register, pure evaluation, scan and app phases: skipped (BENCH_ONLY=dispatch)");
    } else if (ONLY === "authorize") {
      await generate(database.url);
      buildUnlessSkipped(process.env.BENCH_SKIP_BUILD === "1", "BENCH_SKIP_BUILD");
      server = await startAppServer({ databaseUrl: database.url, embedded, port: PORT, env: { AUTH_SECRET: "bench-secret-bench-secret-bench-secret" } });
      if (server.process.pid === undefined) throw new Error("the app server did not start");
      await awaitFindingRebuild(database.url, server.process.pid);
      await measureDecisions(server.base);
    } else {
      const start = process.hrtime.bigint();
      await generate(database.url);
      report("generate register", `${ms(start).toFixed(0)} ms`);

      if (process.env.BENCH_PURE === "0") console.log("full evaluation (pure): skipped (BENCH_PURE=0)");
      else await benchPureEvaluation(database.url);

      const scan = benchDiscovery();
      report(
        `discovery scan of ${scan.files} workflow files`,
        `${scan.filesPerSecond} files/s (target ≥ 2,000/s; ${scan.filesPerCpuSecond} per CPU-second; ${scan.observations} observations)`,
      );

      // Measure the code as it is now: build unless told the build is current.
      buildUnlessSkipped(process.env.BENCH_SKIP_BUILD === "1", "BENCH_SKIP_BUILD");
      server = await startAppServer({ databaseUrl: database.url, embedded, port: PORT, env: { AUTH_SECRET: "bench-secret-bench-secret-bench-secret" } });
      if (server.process.pid === undefined) throw new Error("the app server did not start");
      await awaitFindingRebuild(database.url, server.process.pid);
      await benchApp(server.base, server.process.pid);
      // Last, with the app gone: its own dispatcher would take a share of the outbox measured, and with
      // no subscription during the phases above, their writes emitted no events.
      await stopAndAwaitExit(server);
      server = undefined;
    }
    if (ONLY !== "authorize") await benchDispatcher(database.url, embedded);
  } catch (error) {
    // Printed before the clean-up, whose own failure must not take this one's place.
    console.error("bench failed:", error);
    failed = true;
  } finally {
    await server?.stop();
    try {
      await database.drop();
    } catch (error) {
      console.error("could not drop the bench database:", error);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[2] === "--clients") console.log(JSON.stringify(await runClients(JSON.parse(process.argv[3]) as ClientOptions)));
else process.exitCode = await main();
