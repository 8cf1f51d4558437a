// `npm start` / `npm run dev`: gives the app a database (the embedded one unless DATABASE_URL is
// set), migrates it, seeds the demo register on first start, then runs Next.js with that database.
// Usage: tsx scripts/start.ts [--dev] [--no-build]
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../lib/db/migrations";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded";
import { createPrismaClient } from "../lib/db/client";
import { generateSigningKeyPem } from "../lib/audit/checkpoint";
import { OidcConfigError, parseOidcConfig } from "../lib/auth/oidc-config";
import { nextServerArgs } from "./next-server";
import { DEMO_PASSWORD, DEMO_USERS, ensureBootstrapAdmin, seed } from "../prisma/seed-data";

const dev = process.argv.includes("--dev");
const build = !dev && !process.argv.includes("--no-build");
const port = process.env.PORT ?? "3000";
// The decision point's own port, next to the app's; DECISION_PORT=0 leaves it out.
const decisionPort = process.env.DECISION_PORT ?? String(Number(port) + 1);
const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

// A wrong single sign-on setting stops the start here, saying which and why, rather than at the
// first request (lib/auth/auth.ts reads them the same way).
try {
  parseOidcConfig(process.env);
} catch (error) {
  if (!(error instanceof OidcConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log(`Generated a session secret in ${path.relative(process.cwd(), file)} (set AUTH_SECRET in production).`);
  }
  return readFileSync(file, "utf8").trim();
}

// The audit checkpoints' Ed25519 key lives beside the database, not in it: whoever can rewrite the
// log through the database still cannot sign a checkpoint for the rewritten one.
function auditSigningKey(): string {
  if (process.env.AUDIT_SIGNING_KEY) return process.env.AUDIT_SIGNING_KEY;
  const file = path.join(dataDir, "audit-signing-key.pem");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generateSigningKeyPem(), { mode: 0o600 });
    console.log(`Generated the audit signing key in ${path.relative(process.cwd(), file)} (keep a copy of it, or set AUDIT_SIGNING_KEY).`);
  }
  return readFileSync(file, "utf8");
}

async function prepareDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const applied = await applyMigrations(client);
    console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
  } finally {
    await client.end();
  }
  const db = createPrismaClient(url);
  try {
    if ((await db.user.count()) === 0) {
      console.log("Empty register: seeding the demo data…");
      await seed(db);
    }
    await ensureBootstrapAdmin(db, process.env.BOOTSTRAP_API_TOKEN);
  } finally {
    await db.$disconnect();
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (build) run("npm", ["run", "build"]);

let embedded: EmbeddedDatabase | undefined;
if (!env.DATABASE_URL) {
  embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "pglite"), port: Number(process.env.EMBEDDED_DB_PORT ?? 0) });
  env.DATABASE_URL = embedded.url;
  env.EMBEDDED_DATABASE = "1";
  process.env.EMBEDDED_DATABASE = "1";
  console.log(`Embedded Postgres (PGlite) with data in ${path.relative(process.cwd(), dataDir)}/pglite`);
}
env.AUTH_SECRET = authSecret();
env.DECISION_PORT = decisionPort;
env.AUDIT_SIGNING_KEY = auditSigningKey();
await prepareDatabase(env.DATABASE_URL!);

// The IPC channel ties the server's life to this process's: if this process dies, even by SIGKILL,
// the channel closes and the server exits (scripts/exit-with-parent.mjs) rather than keep the port
// without its database; if the server dies, this process stops the database and exits (below).
const next = spawn(process.execPath, nextServerArgs(dev ? "dev" : "start", port), { stdio: ["inherit", "inherit", "inherit", "ipc"], env });
console.log(`\nGenAI Risk Register on http://localhost:${port}${Number(decisionPort) > 0 ? ` (decision point also on http://localhost:${decisionPort}/api/v1/authorize)` : ""}\nDemo sign-ins (password "${DEMO_PASSWORD}"):`);
for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(32)} ${user.role}${user.senior ? " (senior)" : ""}`);

async function shutdown(code: number): Promise<never> {
  next.kill("SIGTERM");
  await embedded?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
