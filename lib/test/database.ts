// Test databases: each run gets its own, freshly created and migrated, so runs never collide and
// tests talk to a real Postgres (the server in DATABASE_URL, else an in-memory PGlite).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations";
import { startEmbeddedDatabase } from "@/lib/db/embedded";

export interface TestDatabase {
  url: string;
  embedded: boolean;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function migrate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await applyMigrations(client);
  } finally {
    await client.end();
  }
}

// Inside an embedded run DATABASE_URL points at PGlite, which holds one database: start another.
export async function createTestDatabase(
  prefix: string,
  serverUrl = process.env.EMBEDDED_DATABASE === "1" ? undefined : process.env.DATABASE_URL,
): Promise<TestDatabase> {
  if (!serverUrl) {
    const embedded = await startEmbeddedDatabase({});
    await migrate(embedded.url);
    return { url: embedded.url, embedded: true, drop: () => embedded.stop() };
  }
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  await migrate(url);
  return {
    url,
    embedded: false,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
