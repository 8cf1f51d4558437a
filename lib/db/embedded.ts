// The embedded default: PGlite (Postgres compiled to WASM) with its data on disk, served over the
// Postgres wire protocol so the app talks to it through the same @prisma/adapter-pg as to a server.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

// PGlite serves one connection at a time (its multi-connection mode mixes transactions), so every
// client of it must use a pool of one.
export async function startEmbeddedDatabase(options: { dataDir?: string; port?: number }): Promise<EmbeddedDatabase> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm: the search's trigram indexes (prisma/migrations/…_search_trigram_indexes).
  const db = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 1 });
  await server.start();
  const [, port] = server.getServerConn().split(":");
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
