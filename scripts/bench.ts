// `npm run bench`: generates a register of 10,000 tools × 8 environments (grants, decisions,
// observations, incident links) in a fresh database, then prints how long the policy takes over it
// and the server time of the overview page and of GET /api/v1/findings?severity=CRITICAL, then change
// ingestion through POST /api/v1/changes under concurrent clients.
// Uses DATABASE_URL's server when set (a database of its own, dropped at the end), else PGlite.
// `tsx scripts/bench.ts --clients '<json>'` is the load generator alone (see runClients).
import { execFileSync } from "node:child_process";
import autocannon from "autocannon";
import pg from "pg";
import { prisma } from "../lib/db/client";
import { computeFindings, allowedAutonomyMatrix } from "../lib/policy/findings";
import { createTestDatabase } from "../lib/test/database";
import { hashPassword } from "../lib/auth/passwords";
import { hashToken } from "../lib/auth/tokens";
import { benchDiscovery } from "./bench-discovery";
import { buildUnlessSkipped, signInCookie, startAppServer, type AppServer } from "./lib/app-server";

const TOOLS = Number(process.env.BENCH_TOOLS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 3199);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20);
const TOKEN = "bench-token";
const INGEST_SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const PASSWORD = "bench-password";

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, min ${sorted[0].toFixed(1)} ms (n=${sorted.length})`;
}

// Set-based generation in SQL: 80,000 grants and observations in seconds rather than minutes.
async function generate(url: string): Promise<void> {
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
      SELECT 'tool-' || i, 'bench-tool-' || lpad(i::text, 5, '0'), 'Bench Tool ' || i, 'Vendor ' || (i % 37),
        (ARRAY['CODING_ASSISTANT','AGENT','CHAT','OPS_BOT','OTHER'])[1 + i % 5]::"ToolKind",
        (CASE WHEN i % 50 = 0 THEN 'RETIRED' WHEN i % 23 = 0 THEN 'RESTRICTED' ELSE 'APPROVED' END)::"ToolStatus",
        ARRAY['SUGGEST','AGENT']::"Autonomy"[], 'team-' || (1 + i % 20), now()
      FROM generate_series(1, $TOOLS::int) i;
    INSERT INTO "Grant"(id, "toolId", "environmentId", "maxAutonomy", capabilities, justification, "expiresAt", status, "requesterId", "createdAt", "decidedAt")
      SELECT 'g-' || i || '-' || e, 'tool-' || i, 'e-' || e,
        (ARRAY['SUGGEST','AGENT','AGENT','AUTONOMOUS'])[1 + (i + e) % 4]::"Autonomy",
        CASE WHEN (i + e) % 5 = 0 THEN ARRAY['repo:read','repo:write','deploy:run'] ELSE ARRAY['repo:read','repo:write'] END,
        'generated', CASE WHEN (i * e) % 11 = 0 THEN now() - interval '3 days' ELSE now() + interval '120 days' END,
        (CASE WHEN (i + e) % 13 = 0 THEN 'REQUESTED' WHEN (i + e) % 17 = 0 THEN 'REVOKED' ELSE 'APPROVED' END)::"GrantStatus",
        'u-lead', now() - interval '60 days', now() - interval '59 days'
      FROM generate_series(1, $TOOLS::int) i, generate_series(1, 8) e;
    INSERT INTO "Decision"(id, "grantId", "reviewerId", decision, senior)
      SELECT 'd1-' || g.id, g.id, 'u-rev1', 'APPROVE', true FROM "Grant" g WHERE g.status <> 'REQUESTED';
    INSERT INTO "Decision"(id, "grantId", "reviewerId", decision, senior)
      SELECT 'd2-' || g.id, g.id, 'u-rev2', 'APPROVE', false FROM "Grant" g WHERE g.status <> 'REQUESTED' AND length(g.id) % 3 <> 0;
    INSERT INTO "Observation"(id, "toolId", "environmentId", autonomy, capabilities, source, "observedAt")
      SELECT 'o-' || i || '-' || e, 'tool-' || i, 'e-' || e,
        (ARRAY['OFF','SUGGEST','AGENT','AUTONOMOUS'])[1 + (i * 7 + e) % 4]::"Autonomy",
        CASE WHEN (i + e) % 9 = 0 THEN ARRAY['repo:read','env:delete'] WHEN (i + e) % 4 = 0 THEN ARRAY['repo:read','repo:write','deploy:run'] ELSE ARRAY['repo:read'] END,
        'SYNC', now() - ((i + e) % 45) * interval '1 day'
      FROM generate_series(1, $TOOLS::int) i, generate_series(1, 8) e WHERE (i + e) % 10 <> 0;
    INSERT INTO "Incident"(id, key, title, severity, status, "startedAt", "genAiContributed", "updatedAt")
      SELECT 'inc-' || i, 'BENCH-' || i, 'Generated incident ' || i, (ARRAY['SEV1','SEV2','SEV3','SEV4'])[1 + i % 4]::"IncidentSeverity",
        'RESOLVED', now() - (i % 120) * interval '1 day', 'YES', now()
      FROM generate_series(1, 300) i;
    INSERT INTO "IncidentTool"("incidentId", "toolId", role)
      SELECT 'inc-' || i, 'tool-' || (1 + (i * 31) % $TOOLS::int), (ARRAY['TRIGGERED','CONTRIBUTED','INVOLVED'])[1 + i % 3]::"IncidentToolRole"
      FROM generate_series(1, 300) i;
  `;
  await client.query(
    `INSERT INTO "User"(id, email, name, role, senior, "passwordHash") VALUES
      ('u-lead', 'bench-lead@example.com', 'Bench Lead', 'PLATFORM_LEAD', false, $1),
      ('u-rev1', 'bench-rev1@example.com', 'Bench Reviewer 1', 'SECURITY_REVIEWER', true, $1),
      ('u-rev2', 'bench-rev2@example.com', 'Bench Reviewer 2', 'SECURITY_REVIEWER', false, $1),
      ('u-admin', 'bench-admin@example.com', 'Bench Admin', 'ADMIN', false, $1)`,
    [passwordHash],
  );
  await client.query(`INSERT INTO "ApiToken"(id, "userId", name, "tokenHash") VALUES ('t-1', 'u-admin', 'bench', $1)`, [hashToken(TOKEN)]);
  // pg runs a multi-statement text only without parameters; the tool count is an integer.
  await client.query(sql.replaceAll("$TOOLS", String(Math.trunc(TOOLS))));
  await client.query("ANALYZE");
  await client.end();
}

async function timeRequests(url: string, headers: Record<string, string>, count: number): Promise<{ cold: number; warm: number[] }> {
  const samples: number[] = [];
  for (let i = 0; i <= count; i++) {
    const start = process.hrtime.bigint();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    samples.push(ms(start));
  }
  return { cold: samples[0], warm: samples.slice(1) };
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
    tool: eventCounter % 3 === 0 ? null : `bench-tool-${String(tool).padStart(5, "0")}`,
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
}

// Concurrent clients posting fresh events (each request gets new externalIds), as CI/CD fleets do.
async function runClients({ base, connections, batchSize, seconds }: ClientOptions) {
  const request: autocannon.Request =
    batchSize === 0
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
function clients(base: string, options: { connections: number; batchSize: number; seconds?: number }): ReturnType<typeof runClients> {
  const clientOptions: ClientOptions = { base, seconds: INGEST_SECONDS, ...options };
  const output = execFileSync(process.execPath, [...process.execArgv, import.meta.filename, "--clients", JSON.stringify(clientOptions)], { encoding: "utf8" });
  return JSON.parse(output);
}

async function measureIngestion(base: string): Promise<void> {
  // The server's collector first reclaims the register replaced after the write above (hundreds of
  // MB), which would otherwise land in the first phase measured here and in no steady state.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  // Unmeasured warm-up, so the figures are of optimised code rather than of the JIT's first pass.
  await clients(base, { connections: 50, batchSize: 1, seconds: 5 });
  const singles = await clients(base, { connections: 50, batchSize: 1 });
  console.log(
    `POST /api/v1/changes single events, 50 clients   ${singles.perSecond.toFixed(0)} events/s; latency p50 ${singles.p50} ms, p99 ${singles.p99} ms (target p99 < 100 ms; ${singles.errors} errors)`,
  );
  const batches = await clients(base, { connections: 4, batchSize: 500 });
  console.log(
    `POST /api/v1/changes batches of 500, 4 clients   ${batches.perSecond.toFixed(0)} events/s (target ≥ 2,000; ${batches.succeeded} events; p50 ${batches.p50} ms, p99 ${batches.p99} ms per batch; ${batches.errors} errors)`,
  );
  // The same 50 clients on the app's cheapest App Router route (one SELECT 1 each), to read the
  // figures against: what this machine gives a route at this concurrency.
  const reference = await clients(base, { connections: 50, batchSize: 0 });
  console.log(
    `GET /api/v1/health, 50 clients (for comparison) ${reference.perSecond.toFixed(0)} requests/s; latency p50 ${reference.p50} ms, p99 ${reference.p99} ms`,
  );
}

async function main(): Promise<void> {
  const database = await createTestDatabase("grr_bench");
  const embedded = database.embedded;
  if (embedded) process.env.EMBEDDED_DATABASE = "1";
  console.log(`Database: ${embedded ? "embedded PGlite" : "Postgres server"}; register of ${TOOLS} tools × 8 environments`);
  let server: AppServer | undefined;
  try {
    let start = process.hrtime.bigint();
    await generate(database.url);
    console.log(`generate register            ${ms(start).toFixed(0)} ms`);

    const { loadRegisterSnapshot } = await import("../lib/data/register-snapshot");
    process.env.DATABASE_URL = database.url;
    start = process.hrtime.bigint();
    const snapshot = await loadRegisterSnapshot();
    console.log(
      `load snapshot from database  ${ms(start).toFixed(0)} ms (${snapshot.tools.length} tools, ${snapshot.grants.length} grants, ${snapshot.observations.length} observations)`,
    );
    const computeSamples: number[] = [];
    let findingCount = 0;
    for (let i = 0; i < 5; i++) {
      start = process.hrtime.bigint();
      findingCount = computeFindings(snapshot, new Date()).length;
      computeSamples.push(ms(start));
    }
    console.log(`computeFindings (pure)       ${stats(computeSamples)} → ${findingCount} findings`);
    start = process.hrtime.bigint();
    allowedAutonomyMatrix(snapshot, new Date());
    console.log(`allowedAutonomyMatrix        ${ms(start).toFixed(1)} ms`);

    const scan = benchDiscovery();
    console.log(`discovery scan of ${scan.files} workflow files  ${scan.filesPerSecond} files/s (target ≥ 2,000/s; ${scan.filesPerCpuSecond} per CPU-second; ${scan.observations} observations)`);

    // Measure the code as it is now: build unless told the build is current.
    buildUnlessSkipped(process.env.BENCH_SKIP_BUILD === "1", "BENCH_SKIP_BUILD");
    // The app owns the only embedded connection, so the bench's own client is closed before it starts.
    if (embedded) await prisma().$disconnect();
    server = await startAppServer({ databaseUrl: database.url, embedded, port: PORT, env: { AUTH_SECRET: "bench-secret-bench-secret-bench-secret" } });
    const base = server.base;

    const cookie = await signInCookie(base, "bench-admin@example.com", PASSWORD);
    const overview = await timeRequests(`${base}/`, { cookie }, REQUESTS);
    console.log(`GET / (overview)             first ${overview.cold.toFixed(0)} ms (computes the register), then ${stats(overview.warm)}`);
    // One write (a tool's observations replaced), then the overview again: only that tool's rows are read anew.
    const write = await fetch(`${base}/api/v1/tools/bench-tool-00001/observations`, {
      method: "PUT",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify([{ environment: "prod-us", autonomy: "AGENT", capabilities: ["repo:read"], source: "SYNC" }]),
    });
    if (!write.ok) throw new Error(`PUT observations answered ${write.status}`);
    const afterWrite = await timeRequests(`${base}/`, { cookie }, 0);
    console.log(`GET / after one write         ${afterWrite.cold.toFixed(0)} ms (reads that tool's rows again, then recomputes)`);
    const critical = await timeRequests(`${base}/api/v1/findings?severity=CRITICAL`, { authorization: `Bearer ${TOKEN}` }, REQUESTS);
    console.log(`GET /api/v1/findings?severity=CRITICAL  first ${critical.cold.toFixed(0)} ms, then ${stats(critical.warm)}`);

    await measureIngestion(base);
  } finally {
    await server?.stop();
    await database.drop();
  }
}

if (process.argv[2] === "--clients") console.log(JSON.stringify(await runClients(JSON.parse(process.argv[3]) as ClientOptions)));
else await main();
