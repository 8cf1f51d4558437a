// `npm run fuzz`: a bounded fuzz suite for the API. Starts the built app on a database of its own
// (seeded with the demo register), then sends every operation in /api/v1/openapi.json malformed
// paths, queries and bodies (lib/test/fuzz/inputs.ts) and fails on any 5xx, on any refused (4xx) or
// read-only request that changed rows, and on any request left unanswered.
// FUZZ_SEED, FUZZ_RUNS (random requests per operation), FUZZ_SECONDS (in total), FUZZ_ONLY (a regex
// on "METHOD /path"), FUZZ_PORT, FUZZ_SKIP_BUILD=1, FUZZ_SERVER_LOG=<file>, FUZZ_VERBOSE=1 adjust it;
// FUZZ_BASE_URL with FUZZ_TOKEN (an admin's) fuzzes a server that is already running instead.
import { createWriteStream } from "node:fs";
import { createPrismaClient } from "../lib/db/client";
import { createTestDatabase, type TestDatabase } from "../lib/test/database";
import { auditCountFingerprinter, databaseFingerprinter, type Fingerprinter } from "../lib/test/fuzz/fingerprint";
import { failed, fuzzApi, report } from "../lib/test/fuzz/run";
import { DEMO_PASSWORD, ensureBootstrapAdmin, seed } from "../prisma/seed-data";
import { buildUnlessSkipped, signInCookie, startAppServer, type AppServer } from "./lib/app-server";

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 900);
const PORT = Number(process.env.FUZZ_PORT ?? 3198);
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;
const TOKEN = "fuzz-admin-token";
const ADMIN_EMAIL = "admin@example.com";

async function seedDatabase(url: string): Promise<void> {
  const db = createPrismaClient(url);
  try {
    await seed(db);
    await ensureBootstrapAdmin(db, TOKEN);
  } finally {
    await db.$disconnect();
  }
}

async function run(base: string, token: string, fingerprint: Fingerprinter): Promise<boolean> {
  let sessionCookie: string | undefined;
  try {
    sessionCookie = await signInCookie(base, ADMIN_EMAIL, DEMO_PASSWORD);
  } catch {
    console.log(`fuzz: could not sign in as ${ADMIN_EMAIL}; the cross-site (CSRF) probes are skipped`);
  }
  try {
    const result = await fuzzApi({ base, token, seed: SEED, runs: RUNS, seconds: SECONDS, fingerprint, sessionCookie, only: ONLY, verbose: process.env.FUZZ_VERBOSE === "1" });
    for (const line of report(result, base, token)) console.log(line);
    return !failed(result);
  } finally {
    await fingerprint.close();
  }
}

async function main(): Promise<number> {
  if (process.env.FUZZ_BASE_URL) {
    const token = process.env.FUZZ_TOKEN;
    if (!token) throw new Error("FUZZ_BASE_URL needs FUZZ_TOKEN, an ADMIN's API token");
    const fingerprint = process.env.DATABASE_URL ? await databaseFingerprinter(process.env.DATABASE_URL) : auditCountFingerprinter(process.env.FUZZ_BASE_URL, token);
    return (await run(process.env.FUZZ_BASE_URL, token, fingerprint)) ? 0 : 1;
  }

  buildUnlessSkipped(process.env.FUZZ_SKIP_BUILD === "1", "FUZZ_SKIP_BUILD");
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  try {
    database = await createTestDatabase("grr_fuzz");
    if (database.embedded) process.env.EMBEDDED_DATABASE = "1";
    await seedDatabase(database.url);
    const logFile = process.env.FUZZ_SERVER_LOG;
    server = await startAppServer({
      databaseUrl: database.url,
      embedded: database.embedded,
      port: PORT,
      env: { BOOTSTRAP_API_TOKEN: TOKEN, API_CHECK_RESPONSES: "1" },
      stdio: logFile ? "pipe" : "ignore",
      onStart: logFile
        ? (child) => {
            const out = createWriteStream(logFile);
            child.stdout?.pipe(out);
            child.stderr?.pipe(out);
          }
        : undefined,
    });
    // The embedded database serves one connection, the app's: then the audit log's size is the detector.
    const fingerprint = database.embedded ? auditCountFingerprinter(server.base, TOKEN) : await databaseFingerprinter(database.url);
    return (await run(server.base, TOKEN, fingerprint)) ? 0 : 1;
  } finally {
    await server?.stop();
    await database?.drop();
  }
}

process.exitCode = await main();
